using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers;

/// <summary>
/// The base of every analyzer in the package: each runs concurrently and skips generated code itself. The two
/// families register through the classes below it: <see cref="SmtpFileAnalyzer"/> (reply codes: the literals of a
/// file) and <see cref="TransientFailures.MailSendAnalyzer"/> (transient failures: the sends of a file, their tries and loops).
/// </summary>
/// <remarks>
/// The driver is told to analyze generated code and report in it, which spares it a check of every diagnostic
/// (costly in files that hold many); the analyzers leave out the files the driver considers generated and the
/// declarations marked <c>[GeneratedCode]</c> themselves (<see cref="GeneratedDeclarations"/>).
/// </remarks>
public abstract class SmtpAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        Register(context);
    }

    /// <summary>Registers the analyzer's actions.</summary>
    private protected abstract void Register(AnalysisContext context);
}
