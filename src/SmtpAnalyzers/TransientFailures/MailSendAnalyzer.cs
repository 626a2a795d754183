using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// The registration the transient-failure analyzers share: SMTP symbols resolved once per compilation,
/// and nothing registered at all when the compilation references neither MailKit nor System.Net.Mail.
/// </summary>
/// <remarks>
/// The rules about sends, tries and loops register one semantic-model action per file and look only at the
/// nodes found from the file's sends outwards (<see cref="SendHandling.TriesAroundCalls"/>,
/// <see cref="SendHandling.RetryLoopsAroundSends"/>), not at every try, catch or loop the driver would hand
/// to a syntax-node action. A semantic-model action also runs when the driver is done with the file's
/// members: in a build that runs operation-based rules (the .NET SDK's default), their bodies are bound by
/// then, so these rules do not pay for binding them. The Polly rules stay syntax-node actions on
/// invocations and are registered only when Polly is referenced.
/// </remarks>
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
