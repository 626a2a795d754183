using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Generators;

namespace SmtpAnalyzers.Tests.Generators;

/// <summary>Runs the helper generator on a compilation with the build properties a project would give it.</summary>
internal static class GeneratorRun
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation Compilation(
        string source = "class Program { }",
        bool mailKit = true,
        NullableContextOptions nullable = NullableContextOptions.Enable,
        string assemblyName = "Consumer",
        IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Program.cs")],
            AllRules.References(mailKit).AddRange(extraReferences ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, generalDiagnosticOption: ReportDiagnostic.Error)
                .WithSpecificDiagnosticOptions([new("CS1591", ReportDiagnostic.Error)]));

    public static GeneratorDriver Driver(string? rootNamespace, bool? generateHelpers = null, bool track = false)
    {
        var properties = new Dictionary<string, string>();
        if (rootNamespace is not null)
        {
            properties[HelperTypesGenerator.RootNamespaceProperty] = rootNamespace;
        }

        if (generateHelpers is { } generate)
        {
            properties[HelperTypesGenerator.GenerateHelpersProperty] = generate ? "true" : "false";
        }

        return CSharpGeneratorDriver.Create(
            [new HelperTypesGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new GlobalOptionsProvider(properties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));
    }

    /// <summary>The compilation with the generated sources, and the sources by hint name.</summary>
    public static (Compilation Output, ImmutableDictionary<string, string> Sources) Run(
        Compilation compilation,
        string? rootNamespace = "Contoso.Mail",
        bool? generateHelpers = null)
    {
        Driver(rootNamespace, generateHelpers).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        var generated = output.SyntaxTrees.Skip(compilation.SyntaxTrees.Count());
        return (output, generated.ToImmutableDictionary(tree => Path.GetFileName(tree.FilePath), tree => tree.ToString()));
    }

    private sealed class GlobalOptionsProvider(Dictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(properties);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static Options Empty { get; } = new([]);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
