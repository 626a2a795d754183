using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.Benchmarks;

/// <summary>
/// Stands for the other analysis of a build, to measure what SmtpAnalyzers adds to it. Reports nothing.
/// </summary>
/// <remarks>Never shipped nor loaded by a compiler: it is handed to CompilationWithAnalyzers directly.</remarks>
#pragma warning disable RS1001 // No [DiagnosticAnalyzer]: nothing should discover this class as a compiler extension.
public sealed class StandInAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
#pragma warning disable RS2008 // Release tracking is for shipped rules; this one exists only in the benchmark.
    private static readonly DiagnosticDescriptor Unused = new(
        "BENCH001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
#pragma warning restore RS2008

    private readonly bool _operations;

    private StandInAnalyzer(bool operations) => _operations = operations;

    /// <summary>
    /// A build with no other analyzer that looks at code: a symbol action that does nothing makes the driver
    /// produce its compilation events (the compiler's passes over every declaration and body), nothing more.
    /// </summary>
    public static StandInAnalyzer DriverOnly() => new(operations: false);

    /// <summary>
    /// The code analysis rules every .NET SDK build runs by default: an operation-block action makes the driver
    /// bind every method body and build its operation tree in the shared semantic models.
    /// </summary>
    public static StandInAnalyzer OperationRules() => new(operations: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        if (_operations)
        {
            context.RegisterOperationBlockAction(static _ => { });
        }
        else
        {
            context.RegisterSymbolAction(static _ => { }, SymbolKind.Method);
        }
    }
}
