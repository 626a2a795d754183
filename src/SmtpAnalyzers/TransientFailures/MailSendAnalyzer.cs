using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// The registration the transient-failure analyzers share: SMTP symbols resolved once per compilation,
/// and nothing registered at all when the compilation references neither MailKit nor System.Net.Mail.
/// </summary>
public abstract class MailSendAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = SmtpSymbols.For(start.Compilation);
            if (symbols.CanSendMail)
            {
                Register(start, symbols);
            }
        });
    }

    /// <summary>Registers the analyzer's actions for a compilation that can send mail.</summary>
    private protected abstract void Register(CompilationStartAnalysisContext start, SmtpSymbols symbols);
}
