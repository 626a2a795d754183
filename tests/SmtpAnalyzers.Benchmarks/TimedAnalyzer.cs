using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.Benchmarks;

/// <summary>
/// Runs one of the package's analyzers and records what its callbacks cost: wall time, the garbage-collection
/// pauses that fell inside them, and the bytes they allocated.
/// </summary>
/// <remarks>
/// A pause stops every thread, so a callback that happens to run during one is charged all of it by
/// <c>logAnalyzerExecutionTime</c>, whoever allocated the garbage. On this benchmark a pause lasts tens to hundreds
/// of milliseconds, as long as the package's whole run, and whether one falls inside a callback decides most of the
/// spread between runs. <see cref="FairTime"/> charges the package instead for the share of all pauses that its
/// allocations caused. Never shipped nor loaded by a compiler: it is handed to CompilationWithAnalyzers directly.
/// </remarks>
#pragma warning disable RS1001 // No [DiagnosticAnalyzer]: nothing should discover this class as a compiler extension.
public sealed class TimedAnalyzer(DiagnosticAnalyzer inner) : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private long _ticks;
    private long _pauseTicks;
    private long _bytes;

    public DiagnosticAnalyzer Inner { get; } = inner;

    /// <summary>Time spent in the analyzer's callbacks, pauses included.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    /// <summary>Garbage-collection pauses that fell inside the analyzer's callbacks.</summary>
    public TimeSpan Pauses => TimeSpan.FromTicks(Interlocked.Read(ref _pauseTicks));

    /// <summary>Bytes the analyzer's callbacks allocated.</summary>
    public long AllocatedBytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// The callbacks' time without the pauses that fell inside them, plus the share of <paramref name="allPauses"/>
    /// that the callbacks' allocations make of <paramref name="allBytes"/>.
    /// </summary>
    public TimeSpan FairTime(TimeSpan allPauses, long allBytes) =>
        Elapsed - Pauses + (allBytes == 0 ? TimeSpan.Zero : allPauses * ((double)AllocatedBytes / allBytes));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

#pragma warning disable RS1025, RS1026 // The wrapped analyzer configures concurrency and generated code itself, through TimedContext.
    public override void Initialize(AnalysisContext context) => Inner.Initialize(new TimedContext(context, this));
#pragma warning restore RS1025, RS1026

    private Action<T> Timed<T>(Action<T> action) => argument =>
    {
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var pauses = GC.GetTotalPauseDuration();
        var start = Stopwatch.GetTimestamp();
        try
        {
            action(argument);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Add(ref _bytes, GC.GetAllocatedBytesForCurrentThread() - bytes);
            Interlocked.Add(ref _pauseTicks, (GC.GetTotalPauseDuration() - pauses).Ticks);
        }
    };

    private static NotSupportedException NotUsed(string registration) =>
        new($"SmtpAnalyzers registers no {registration}: time its nested actions here before adding one.");

    private sealed class TimedContext(AnalysisContext context, TimedAnalyzer timer) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => context.ConfigureGeneratedCodeAnalysis(analysisMode);

#pragma warning disable RS1012 // The wrapped start action registers its actions through TimedStartContext.
        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            context.RegisterCompilationStartAction(timer.Timed<CompilationStartAnalysisContext>(start => action(new TimedStartContext(start, timer))));
#pragma warning restore RS1012

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => context.RegisterCompilationAction(timer.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => context.RegisterSemanticModelAction(timer.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            context.RegisterSymbolAction(timer.Timed(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw NotUsed("code-block start action");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(timer.Timed(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => context.RegisterSyntaxTreeAction(timer.Timed(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            context.RegisterSyntaxNodeAction(timer.Timed(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            context.RegisterOperationAction(timer.Timed(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw NotUsed("operation-block start action");

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockAction(timer.Timed(action));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw NotUsed("symbol start action");
    }

#pragma warning disable RS1012 // The parameter is the context the wrapped analyzer's actions are registered on.
    private sealed class TimedStartContext(CompilationStartAnalysisContext context, TimedAnalyzer timer)
#pragma warning restore RS1012
        : CompilationStartAnalysisContext(context.Compilation, context.Options, context.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => context.RegisterCompilationEndAction(timer.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => context.RegisterSemanticModelAction(timer.Timed(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            context.RegisterSymbolAction(timer.Timed(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw NotUsed("code-block start action");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => context.RegisterCodeBlockAction(timer.Timed(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => context.RegisterSyntaxTreeAction(timer.Timed(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            context.RegisterSyntaxNodeAction(timer.Timed(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            context.RegisterOperationAction(timer.Timed(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => throw NotUsed("operation-block start action");

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => context.RegisterOperationBlockAction(timer.Timed(action));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw NotUsed("symbol start action");
    }
}
