using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.Benchmarks;

/// <summary>
/// Stands for the code analysis rules every SDK build runs: an operation-block action makes the driver
/// bind every method body and build its operation tree in the shared semantic models.
/// </summary>
/// <remarks>Never shipped nor loaded by a compiler: it is handed to CompilationWithAnalyzers directly.</remarks>
#pragma warning disable RS1001 // No [DiagnosticAnalyzer]: nothing should discover this class as a compiler extension.
public sealed class BindEverythingAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
#pragma warning disable RS2008 // Release tracking is for shipped rules; this one exists only in the benchmark.
    private static readonly DiagnosticDescriptor Unused = new(
        "BENCH001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
#pragma warning restore RS2008

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(static _ => { });
    }
}
