using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SmtpAnalyzers.Testing;
using SmtpAnalyzers.Tests.Generators;

namespace SmtpAnalyzers.Tests;

/// <summary>
/// Runs an analyzer, and optionally its fix, on test code compiled against .NET 10 with MailKit,
/// MimeKit and Polly referenced. Expected diagnostics are marked in the source with
/// <c>{|SMTP001:421|}</c>. A fix runs, as in a consumer's project, with the package's helper generator and
/// the root namespace <c>TestProject</c> (<see cref="TestExtensions.WithHelperGenerationOff{T}"/> turns it off).
/// </summary>
public static class Verify<TAnalyzer, TFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    public static Task AnalyzerAsync(string source, string? editorConfig = null) =>
        AnalyzerTest(source, editorConfig).RunAsync();

    public static Task FixAsync(string source, string fixedSource, string? editorConfig = null) =>
        FixTest(source, fixedSource, editorConfig).RunAsync();

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> AnalyzerTest(string source, string? editorConfig = null)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        Configure(test.TestState, editorConfig);
        test.ReferenceAssemblies = TestReferences.Net100;
        return test;
    }

    public static GeneratingFixTest FixTest(string source, string fixedSource, string? editorConfig = null)
    {
        var test = new GeneratingFixTest { TestCode = source, FixedCode = fixedSource };
        Configure(test.TestState, editorConfig);
        test.TestState.AnalyzerConfigFiles.Add((TestExtensions.GlobalConfigPath, TestExtensions.GlobalConfig(generateHelpers: true)));
        test.FixedState.AdditionalReferences.AddRange(TestReferences.Libraries);
        test.ReferenceAssemblies = TestReferences.Net100;
        return test;
    }

    /// <summary>
    /// A fix test whose projects run the package's helper generator in the workspace, as the IDE and <c>dotnet format</c>
    /// do: the generated types are in every compilation, and a fix that uses them adds no document.
    /// </summary>
    /// <remarks>
    /// Beyond what the framework checks (the fixed text, the fixed state's diagnostics of <typeparamref name="TAnalyzer"/>,
    /// no compiler error), every fixed state must add nothing a build would print: no diagnostic of any rule of the
    /// package that the input did not have, and no compiler warning the input did not have (a fix whose output warns
    /// fails a build with warnings as errors; the tests of fixes that meet nullable annotations enable them).
    /// </remarks>
    public sealed class GeneratingFixTest : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
    {
        /// <summary>Every compilation the framework analyzed, in order: the input first, then each fixed state.</summary>
        private readonly List<(Compilation Compilation, AnalyzerOptions Options)> _analyzed = [];

        public GeneratingFixTest() =>
            SolutionTransforms.Add((solution, projectId) => solution.AddAnalyzerReference(projectId, GeneratorReference.Instance));

        protected override CompilationWithAnalyzers CreateCompilationWithAnalyzers(
            Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            lock (_analyzed)
            {
                _analyzed.Add((compilation, options));
            }

            return base.CreateCompilationWithAnalyzers(compilation, analyzers, options, cancellationToken);
        }

        protected override async Task RunImplAsync(CancellationToken cancellationToken)
        {
            await base.RunImplAsync(cancellationToken);

            var (input, options) = _analyzed[0];
            var before = await WhatABuildPrintsAsync(input, options, cancellationToken);
            foreach (var (output, _) in _analyzed.Skip(1).Where(state => state.Compilation != input))
            {
                var added = (await WhatABuildPrintsAsync(output, options, cancellationToken)).Except(before).ToList();
                Assert.True(added.Count == 0, "The fixed code gets what the input did not:\n" + string.Join("\n", added));
            }
        }

        /// <summary>The package's diagnostics other than <typeparamref name="TAnalyzer"/>'s and the compiler's warnings, as text without positions.</summary>
        private static async Task<HashSet<string>> WhatABuildPrintsAsync(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var others = AllRules.Analyzers.Where(analyzer => analyzer is not TAnalyzer).ToImmutableArray();
            var package = await compilation.WithAnalyzers(others, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
            return compilation.GetDiagnostics(cancellationToken)
                .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning)
                .Concat(package)
                .Select(diagnostic => diagnostic.Id + ": " + diagnostic.GetMessage())
                .ToHashSet();
        }
    }

    private static void Configure(SolutionState state, string? editorConfig)
    {
        state.AdditionalReferences.AddRange(TestReferences.Libraries);
        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
        }
    }
}

/// <summary>The references every test compilation gets.</summary>
public static class TestReferences
{
    /// <summary>The .NET 10 reference pack that restore caches through the test project's PackageDownload.</summary>
    public static ReferenceAssemblies Net100 { get; } = new ReferenceAssemblies(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    /// <summary>MailKit, MimeKit and Polly, from the assemblies the test project references.</summary>
    public static ImmutableArray<MetadataReference> Libraries { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(MailKit.Net.Smtp.SmtpClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MimeKit.MimeMessage).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Polly.ResiliencePipeline).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Polly.Policy).Assembly.Location));

    /// <summary>The assertion libraries of xunit, NUnit, MSTest and FluentAssertions, for the tests of assertion forms.</summary>
    /// <summary><c>Microsoft.Extensions.Logging.Abstractions</c>: the <c>ILogger</c> a retry fix logs through when the code has one.</summary>
    public static MetadataReference Logging { get; } = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location);

    public static ImmutableArray<MetadataReference> TestFrameworks { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Xunit.Assert).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(NUnit.Framework.Assert).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(NUnit.Framework.Legacy.ClassicAssert).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.VisualStudio.TestTools.UnitTesting.Assert).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(FluentAssertions.AssertionExtensions).Assembly.Location));
}
