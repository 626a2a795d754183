using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Generators;

namespace SmtpAnalyzers.Benchmarks;

/// <summary>
/// The cost of the helper generator: its time on a fresh compilation of the corpus (what a build pays once), set
/// against the compile time, and what an edit that changes no reference and no property costs it (what the IDE pays
/// on each keystroke): the time of the re-run, and whether any step that produces output ran again.
/// </summary>
public static class GeneratorBenchmark
{
    public sealed record Result(
        double CompileMs,
        double FirstRunMs,
        double AfterCompileRunMs,
        double EditRunMs,
        int GeneratedSources,
        IReadOnlyDictionary<IncrementalStepRunReason, int> EditOutputReasons)
    {
        /// <summary>True when the edit re-ran no step whose output changed: every output was cached or unchanged.</summary>
        public bool EditReusedEverything =>
            EditOutputReasons.Keys.All(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    public static Result Run(Func<CSharpCompilation> freshCompilation)
    {
        var compilation = freshCompilation();
        var compile = Stopwatch.StartNew();
        compilation.GetDiagnostics();
        var compileMs = compile.Elapsed.TotalMilliseconds;

        // On the compiled compilation, whose declarations and referenced assemblies the compiler has read: the
        // generator's own work, a lower bound of what it adds to a build.
        var afterCompile = Stopwatch.StartNew();
        Driver().RunGenerators(compilation);
        var afterCompileMs = afterCompile.Elapsed.TotalMilliseconds;

        // A new compilation and driver, as a build starts: the generator's first run pays for reading declarations and
        // references that the compile then finds read (an upper bound).
        compilation = freshCompilation();
        var driver = Driver();
        var first = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        var firstRunMs = first.Elapsed.TotalMilliseconds;
        var generated = driver.GetRunResult().Results.Single().GeneratedSources.Length;

        // An edit of one file, as typing does: the same references and properties.
        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.Replace(text.Length, 0, "\n// edited\n")));
        var edit = Stopwatch.StartNew();
        driver = driver.RunGenerators(edited);
        var editRunMs = edit.Elapsed.TotalMilliseconds;

        var reasons = driver.GetRunResult().Results.Single().TrackedOutputSteps
            .SelectMany(step => step.Value)
            .SelectMany(run => run.Outputs)
            .GroupBy(output => output.Reason)
            .ToDictionary(group => group.Key, group => group.Count());
        return new Result(compileMs, firstRunMs, afterCompileMs, editRunMs, generated, reasons);
    }

    private static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new HelperTypesGenerator().AsSourceGenerator()],
            optionsProvider: new RootNamespaceOptions(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>What the package's build props give the generator: the project's root namespace.</summary>
    private sealed class RootNamespaceOptions : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Global = new(new Dictionary<string, string> { [HelperTypesGenerator.RootNamespaceProperty] = "Corpus" });
        private static readonly Options None = new([]);

        public override AnalyzerConfigOptions GlobalOptions => Global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }
}
