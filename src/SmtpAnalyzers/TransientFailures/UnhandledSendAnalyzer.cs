using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP101: a MailKit or System.Net.Mail send outside any <c>try</c> that catches its failures and
/// outside any retry mechanism, so a transient reply throws and the message is lost.
/// </summary>
/// <remarks>
/// One semantic-model action per file over the invocations named like a send (found by a text search),
/// not an action on every invocation: that would make the driver build an operation tree for every member
/// of the compilation, which costs more than everything else the package does.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnhandledSendAnalyzer : MailSendAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnhandledSend);

    private protected override void Register(AnalysisContext context) => RegisterFileAction(context, AnalyzeFile);

    private static void AnalyzeFile(TransientFile context, SmtpSymbols symbols)
    {
        var model = context.SemanticModel;
        foreach (var call in Sends.CandidateCallsIn(model.SyntaxTree))
        {
            var send = call.Invocation;
            if (call.IsSend
                && Sends.SendLibraryOf(send, model, symbols, context.CancellationToken) is var library and not StatusLibrary.None
                && !RetryMechanisms.IsHandled(send, library, model, symbols, context.CancellationToken)
                && !RuleScope.DeclaresFrameworkRetry(send, model, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnhandledSend, send.GetLocation(), Sends.CalledText(send)));
            }
        }
    }
}
