using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Benchmarks;

// Measures SmtpAnalyzers on a generated mail-heavy code base:
//   dotnet run -c Release --project tests/SmtpAnalyzers.Benchmarks [-- --files 1000 --runs 5 --warmup 2 --gc-shift-seed 421 --process-cpu]
//   dotnet run -c Release --project tests/SmtpAnalyzers.Benchmarks -- --fix-all [--files 1000]
//   dotnet run -c Release --project tests/SmtpAnalyzers.Benchmarks -- --generator [--files 1000 --runs 5]
var files = Option("--files", 1000);
var runs = Option("--runs", 5);
var warmup = Option("--warmup", 2);
var processCpu = args.Contains("--process-cpu");
var corpus = Corpus.Generate(files);
Console.WriteLine($"Corpus: {corpus.Count} files, {corpus.Sum(file => file.Text.Count(c => c == '\n')):N0} lines");

if (args.Contains("--fix-all"))
{
    var watch = Stopwatch.StartNew();
    var result = await FixAllRunner.RunAsync(corpus);
    Console.WriteLine($"Fix All (solution scope) in {watch.Elapsed.TotalSeconds:F1} s: {result.DiagnosticsBefore} diagnostics before, {result.DocumentsAdded} file(s) added");
    Console.WriteLine("Diagnostics a fix is still offered for: " + string.Join(", ", result.RemainingFixable.Select(pair => $"{pair.Key} {pair.Value}")));
    Console.WriteLine($"New compiler errors: {result.NewErrors.Count}");
    foreach (var error in result.NewErrors.Take(10))
    {
        Console.WriteLine("  " + error);
    }

    return result.NewErrors.Count == 0 && result.RemainingFixable.Values.All(count => count == 0) ? 0 : 1;
}

if (args.Contains("--generator"))
{
    // The median of the runs, each on a fresh compilation; the first run is a warm-up of the generator's code.
    var results = Enumerable.Range(0, runs + 1).Select(_ => GeneratorBenchmark.Run(() => FreshCompilation(concurrentBuild: true))).Skip(1).ToList();
    double MedianOf(Func<GeneratorBenchmark.Result, double> value) => Median(results.Select(value).ToList());
    var compileMs = MedianOf(result => result.CompileMs);
    var firstMs = MedianOf(result => result.FirstRunMs);
    var afterCompileMs = MedianOf(result => result.AfterCompileRunMs);
    Console.WriteLine($"Helper generator, median of {runs} runs, {results[0].GeneratedSources} sources; compile time {compileMs:F0} ms");
    Console.WriteLine($"  on a fresh compilation (reads declarations and references the compile then finds read): {firstMs:F1} ms = {firstMs / compileMs:P2}");
    Console.WriteLine($"  on the compiled compilation (the generator's own work): {afterCompileMs:F1} ms = {afterCompileMs / compileMs:P2}");
    Console.WriteLine($"After an edit that changes no reference or property: {MedianOf(result => result.EditRunMs):F2} ms; output steps: "
        + string.Join(", ", results[^1].EditOutputReasons.Select(pair => $"{pair.Key} {pair.Value}")));
    return results.All(result => result.EditReusedEverything) ? 0 : 1;
}

var collectionShift = new Random(Option("--gc-shift-seed", 421)); // see ShiftCollections
var compileTimes = new List<double>();
var compileCpuTimes = new List<double>();
var serialCompileTimes = new List<double>();
var timesAlone = Rules.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
var timesShared = Rules.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
var totalsAlone = new List<double>();
var totalsShared = new List<double>();
var fairTimesAlone = Rules.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
var fairTimesShared = Rules.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
var fairTotalsAlone = new List<double>();
var fairTotalsShared = new List<double>();
var bytesShared = Rules.Analyzers.ToDictionary(analyzer => analyzer, _ => new List<double>());
var addedAlone = new List<double>();
var addedShared = new List<double>();
IReadOnlyDictionary<string, int>? counts = null;
for (var run = 0; run < warmup + runs; run++)
{
    // A fresh parse and compilation each time: nothing is cached between the measurements. Compile time is
    // measured twice: as the usual parallel build, and on one thread, as the analyzers are timed below. A warm-up
    // run only runs the analyses: what it warms up is the analyzers' code and the driver's.
    var measured = run >= warmup;
    double compile = 0, compileCpu = 0, serialCompile = 0;
    if (measured)
    {
        (compile, compileCpu, var errors) = CompileTime(concurrentBuild: true);
        (serialCompile, _, _) = CompileTime(concurrentBuild: false);
        if (errors.Length > 0)
        {
            Console.Error.WriteLine(string.Join("\n", errors.Take(10)));
            return 2;
        }
    }

    // Each rule's own time, as the compiler reports it (dotnet build -p:ReportAnalyzer=true), in two settings:
    // the package alone, where it pays for binding every member of an SMTP file it asks a semantic question
    // about, and next to operation-based rules, as every .NET SDK build runs by default, which bind every body
    // and build its operation tree before the package asks.
    var (diagnostics, alone, fairAlone, _) = await ExecutionTimes([]);
    var (_, shared, fairShared, allocatedShared) = await ExecutionTimes([StandInAnalyzer.OperationRules()]);
    counts = diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    // With --process-cpu, what the package adds to the CPU time of analysis, measured on the whole process (too
    // noisy on a machine with few cores to resolve 1 %, and it doubles the benchmark's time): the execution times
    // above leave out work the driver does for an analyzer (building operation trees for operation actions),
    // and work an analyzer triggers is shared with the others that need it. The same two settings: a build
    // whose only other analysis is the driver's own, and a build that also runs operation-based rules.
    double eventsOnly = 0, packageAlone = 0, operations = 0, packageShared = 0;
    if (processCpu)
    {
        eventsOnly = await AnalysisCpuTime([StandInAnalyzer.DriverOnly()]);
        packageAlone = await AnalysisCpuTime([StandInAnalyzer.DriverOnly(), .. Rules.Analyzers]);
        operations = await AnalysisCpuTime([StandInAnalyzer.OperationRules()]);
        packageShared = await AnalysisCpuTime([StandInAnalyzer.OperationRules(), .. Rules.Analyzers]);
    }

    // Warm-up runs: JIT, tiering and first-use costs are not part of a build.
    var analyses =
        $"SmtpAnalyzers {alone.Values.Sum():F0} ms alone, {shared.Values.Sum():F0} ms next to operation rules"
        + $" ({fairAlone.Values.Sum():F0} and {fairShared.Values.Sum():F0} ms with pauses charged by allocation)";
    if (!measured)
    {
        Console.WriteLine($"Warm-up {run + 1}: {analyses}");
        continue;
    }

    Console.WriteLine($"Run {run + 1}: compile {compile:F0} ms ({compileCpu:F0} ms CPU), on one thread {serialCompile:F0} ms; {analyses}");

    compileTimes.Add(compile);
    compileCpuTimes.Add(compileCpu);
    serialCompileTimes.Add(serialCompile);
    totalsAlone.Add(Record(alone, timesAlone));
    totalsShared.Add(Record(shared, timesShared));
    fairTotalsAlone.Add(Record(fairAlone, fairTimesAlone));
    fairTotalsShared.Add(Record(fairShared, fairTimesShared));
    Record(allocatedShared, bytesShared);
    if (processCpu)
    {
        addedAlone.Add(packageAlone - eventsOnly);
        addedShared.Add(packageShared - operations);
    }
}

// The analyzers are timed while the compiler binds on one thread, so their time is set against the compile
// time on one thread; the parallel build's wall time is shown too.
var compileMedian = Median(serialCompileTimes);
var parallelMedian = Median(compileTimes);
Console.WriteLine(
    $"Compile (bind, emit), median of {runs}: {compileMedian:F0} ms on one thread;"
    + $" parallel build {parallelMedian:F0} ms wall, {Median(compileCpuTimes):F0} ms CPU ({Environment.ProcessorCount} cores)");
Console.WriteLine("Execution time of each analyzer (logAnalyzerExecutionTime), as a share of compile time on one thread:");
Console.WriteLine($"  {"",-36} {"",-16} {"alone",17}  {"next to operation rules",26}");
foreach (var analyzer in Rules.Analyzers)
{
    var ids = string.Join("/", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct());
    Console.WriteLine(
        $"  {analyzer.GetType().Name,-36} {ids,-16} {Median(timesAlone[analyzer]),8:F1} ms {Median(timesAlone[analyzer]) / compileMedian,7:P2}"
        + $"  {Median(timesShared[analyzer]),15:F1} ms {Median(timesShared[analyzer]) / compileMedian,7:P2}");
}

Console.WriteLine(
    $"SmtpAnalyzers execution time next to operation-based rules (the SDK default): {Median(totalsShared):F1} ms"
    + $" = {Median(totalsShared) / compileMedian:P2} of compile time on one thread (target: under 1%),"
    + $" {Median(totalsShared) / parallelMedian:P2} of the parallel build's wall time");
Console.WriteLine(
    $"SmtpAnalyzers execution time alone: {Median(totalsAlone):F1} ms"
    + $" = {Median(totalsAlone) / compileMedian:P2} of compile time on one thread, {Median(totalsAlone) / parallelMedian:P2} of the parallel build's wall time");
Console.WriteLine(
    "The same, with the garbage-collection pauses that fell inside the package's callbacks taken out and the share of all"
    + " pauses that its allocations caused put in (less spread between runs):");
Console.WriteLine(
    $"  next to operation-based rules {Median(fairTotalsShared):F1} ms = {Median(fairTotalsShared) / compileMedian:P2} of compile time on one thread;"
    + $" alone {Median(fairTotalsAlone):F1} ms = {Median(fairTotalsAlone) / compileMedian:P2}");
Console.WriteLine(
    "  per analyzer, alone / next to operation rules (ms): "
    + string.Join(", ", Rules.Analyzers.Select(analyzer => $"{analyzer.GetType().Name} {Median(fairTimesAlone[analyzer]):F1} / {Median(fairTimesShared[analyzer]):F1}")));
Console.WriteLine(
    $"Allocated next to operation rules: {Rules.Analyzers.Sum(analyzer => Median(bytesShared[analyzer])) / 1e6:F1} MB; per analyzer (MB): "
    + string.Join(", ", Rules.Analyzers.Select(analyzer => $"{analyzer.GetType().Name} {Median(bytesShared[analyzer]) / 1e6:F1}")));
if (processCpu)
{
    var compileCpuMedian = Median(compileCpuTimes);
    Console.WriteLine($"CPU time SmtpAnalyzers adds next to operation-based rules: {Median(addedShared):F0} ms = {Median(addedShared) / compileCpuMedian:P2} of compile CPU time");
    Console.WriteLine($"CPU time SmtpAnalyzers adds, no other analyzers: {Median(addedAlone):F0} ms = {Median(addedAlone) / compileCpuMedian:P2} of compile CPU time");
}

Console.WriteLine("Diagnostics: " + string.Join(", ", counts!.Select(pair => $"{pair.Key} {pair.Value}")));
return 0;

// Parses and compiles the corpus: wall time, CPU time and the compiler's errors.
(double Wall, double Cpu, Diagnostic[] Errors) CompileTime(bool concurrentBuild)
{
    var compilation = FreshCompilation(concurrentBuild);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var cpu = CpuTime();
    var watch = Stopwatch.StartNew();
    var emitted = compilation.Emit(Stream.Null);
    watch.Stop();
    cpu = CpuTime() - cpu;
    return (watch.Elapsed.TotalMilliseconds, cpu, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray());
}

// Runs the package's analyzers, next to others, with execution times logged: its diagnostics, each analyzer's
// execution time, and each analyzer's time with garbage-collection pauses charged by allocation (TimedAnalyzer).
async Task<(ImmutableArray<Diagnostic> Diagnostics, Dictionary<DiagnosticAnalyzer, double> Times, Dictionary<DiagnosticAnalyzer, double> FairTimes, Dictionary<DiagnosticAnalyzer, double> Bytes)> ExecutionTimes(
    ImmutableArray<DiagnosticAnalyzer> others)
{
    var timed = Rules.Analyzers.Select(analyzer => new TimedAnalyzer(analyzer)).ToImmutableArray();
    var analysis = FreshAnalysis([.. others, .. timed], logExecutionTimes: true);
    var pauses = GC.GetTotalPauseDuration();
    var bytes = GC.GetTotalAllocatedBytes(precise: true);
    var diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
    pauses = GC.GetTotalPauseDuration() - pauses;
    bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
    var times = new Dictionary<DiagnosticAnalyzer, double>();
    var fairTimes = new Dictionary<DiagnosticAnalyzer, double>();
    var allocated = new Dictionary<DiagnosticAnalyzer, double>();
    foreach (var analyzer in timed)
    {
        times[analyzer.Inner] = (await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
        fairTimes[analyzer.Inner] = analyzer.FairTime(pauses, bytes).TotalMilliseconds;
        allocated[analyzer.Inner] = analyzer.AllocatedBytes;
    }

    return (diagnostics, times, fairTimes, allocated);
}

// Adds one run's times to each analyzer's list; returns the run's total.
static double Record(Dictionary<DiagnosticAnalyzer, double> run, Dictionary<DiagnosticAnalyzer, List<double>> times)
{
    foreach (var (analyzer, time) in run)
    {
        times[analyzer].Add(time);
    }

    return run.Values.Sum();
}

async Task<double> AnalysisCpuTime(ImmutableArray<DiagnosticAnalyzer> analyzers)
{
    var analysis = FreshAnalysis(analyzers, logExecutionTimes: false);
    var start = CpuTime();
    await analysis.GetAnalyzerDiagnosticsAsync();
    return CpuTime() - start;
}

// A fresh parse and compilation with the analyzers attached, and the garbage of earlier runs collected: a
// collection started during the measurement would be timed as analysis (and, for execution times, as whichever
// callback happened to allocate when it started). The compiler binds on one thread here: execution times are
// wall-clock times, and on a machine with few cores a callback would otherwise also be timed while the
// compiler's other threads hold the cores it waits for. (Compile time above is the usual parallel build.)
CompilationWithAnalyzers FreshAnalysis(ImmutableArray<DiagnosticAnalyzer> analyzers, bool logExecutionTimes)
{
    var analysis = FreshCompilation(concurrentBuild: false).WithAnalyzers(
        analyzers,
        new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: logExecutionTimes));
    GC.Collect();
    GC.WaitForPendingFinalizers();
    ShiftCollections();
    return analysis;
}

// After a full collection the analysis allocates the same objects in the same order each time, so the collector
// stops the threads at nearly the same points of every run, and a pause that falls inside a callback in one run
// tends to fall inside it in the others: the runs would not be independent samples. Allocating a random amount of
// garbage first (0 to 256 MB) starts each analysis at a different point of the collector's budget, as a build does,
// whose analysis starts wherever the work before it left the budget.
void ShiftCollections()
{
    var chunks = collectionShift.Next(32 * 1024);
    for (var i = 0; i < chunks; i++)
    {
        GC.KeepAlive(new byte[8 * 1024]);
    }
}

// A fresh parse and compilation of the corpus, bound on one thread or in parallel.
CSharpCompilation FreshCompilation(bool concurrentBuild)
{
    var compilation = Rules.Compile(Parse());
    return compilation.WithOptions(compilation.Options.WithConcurrentBuild(concurrentBuild));
}

static double CpuTime() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

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
