using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Benchmarks;

// Measures SmtpAnalyzers on a generated mail-heavy code base:
//   dotnet run -c Release --project tests/SmtpAnalyzers.Benchmarks [-- --files 1000 --runs 5]
//   dotnet run -c Release --project tests/SmtpAnalyzers.Benchmarks -- --fix-all [--files 1000]
var files = Option("--files", 1000);
var runs = Option("--runs", 5);
var corpus = Corpus.Generate(files);
Console.WriteLine($"Corpus: {corpus.Count} files, {corpus.Sum(file => file.Text.Count(c => c == '\n')):N0} lines");

if (args.Contains("--fix-all"))
{
    var watch = Stopwatch.StartNew();
    var result = await FixAllRunner.RunAsync(corpus);
    Console.WriteLine($"Fix All (solution scope) in {watch.Elapsed.TotalSeconds:F1} s: {result.DiagnosticsBefore} diagnostics before, {result.DocumentsAdded} file(s) added");
    Console.WriteLine("Fixed ids still reported: " + string.Join(", ", result.RemainingFixedIds.Select(pair => $"{pair.Key} {pair.Value}")));
    Console.WriteLine($"New compiler errors: {result.NewErrors.Count}");
    foreach (var error in result.NewErrors.Take(10))
    {
        Console.WriteLine("  " + error);
    }

    return result.NewErrors.Count == 0 && result.RemainingFixedIds.Values.All(count => count == 0) ? 0 : 1;
}

var compileTimes = new List<double>();
var analyzerTimes = Rules.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
var totals = new List<double>();
var sharedTotals = new List<double>();
IReadOnlyDictionary<string, int>? counts = null;
for (var run = 0; run <= runs; run++)
{
    // A fresh parse and compilation each time: nothing is cached between the measurements.
    var compile = Stopwatch.StartNew();
    var emitted = Rules.Compile(Parse()).Emit(Stream.Null);
    compile.Stop();
    if (!emitted.Success)
    {
        Console.Error.WriteLine(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        return 2;
    }

    var withAnalyzers = Rules.Compile(Parse()).WithAnalyzers(
        Rules.Analyzers,
        new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    counts = diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    if (run == 0)
    {
        continue; // warm-up: JIT and first-use costs are not part of a build
    }

    compileTimes.Add(compile.Elapsed.TotalMilliseconds);
    double total = 0;
    foreach (var analyzer in Rules.Analyzers)
    {
        var time = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
        analyzerTimes[analyzer].Add(time);
        total += time;
    }

    totals.Add(total);

    // The same, next to an analyzer that binds every method body first, as the SDK's default code
    // analysis rules do in a real build: what SmtpAnalyzers adds when the semantic models are shared.
    var shared = Rules.Compile(Parse()).WithAnalyzers(
        Rules.Analyzers.Add(new BindEverythingAnalyzer()),
        new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    await shared.GetAnalyzerDiagnosticsAsync();
    double sharedTotal = 0;
    foreach (var analyzer in Rules.Analyzers)
    {
        sharedTotal += (await shared.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
    }

    sharedTotals.Add(sharedTotal);
}

var compileMedian = Median(compileTimes);
Console.WriteLine($"Compile (parse, bind, emit), median of {runs}: {compileMedian:F0} ms");
foreach (var (analyzer, times) in analyzerTimes)
{
    var ids = string.Join("/", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());
    Console.WriteLine($"  {analyzer.GetType().Name,-32} {ids,-16} {Median(times),8:F1} ms  {Median(times) / compileMedian,7:P2}");
}

Console.WriteLine($"SmtpAnalyzers total: {Median(totals):F1} ms = {Median(totals) / compileMedian:P2} of compile time (target: under 1%)");
Console.WriteLine($"SmtpAnalyzers next to an analyzer that binds every body: {Median(sharedTotals):F1} ms = {Median(sharedTotals) / compileMedian:P2} of compile time");
Console.WriteLine("Diagnostics: " + string.Join(", ", counts!.Select(pair => $"{pair.Key} {pair.Value}")));
return 0;

IEnumerable<SyntaxTree> Parse() =>
    corpus.Select(file => CSharpSyntaxTree.ParseText(file.Text, path: file.Name)).ToList();

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
}
