using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP108: a retry loop (<see cref="RetryLoops.RetryingCatches"/>) whose handler admits a failure that closes
/// MailKit's connection (<see cref="CatchClauses.AdmitsDisconnectingFailure"/>) and whose next turn sends again on
/// the same client, which nothing in the loop connects again or creates anew.
/// </summary>
/// <remarks>
/// The client is the send's receiver: a local, parameter or field. The loop leaves it alone when it declares or
/// assigns the client, or calls <c>Connect</c>/<c>ConnectAsync</c> on it or a method of the compilation whose name
/// says it connects (<c>EnsureConnectedAsync()</c>). A handler that tests the reply status in its body may rethrow
/// the 421 and is not judged. System.Net.Mail's client connects for every send and is never reported. A call of a
/// send wrapper (<see cref="SendWrappers"/>) hides the client, and whether it connects again is the wrapper's: not judged.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DisconnectedClientRetryAnalyzer : MailSendAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.DisconnectedClientRetry);

    private protected override void Register(AnalysisContext context) => RegisterRetryLoopAction(context, AnalyzeLoop);

    private static void AnalyzeLoop(StatementSyntax loop, TransientFile file, SmtpSymbols symbols)
    {
        var model = file.SemanticModel;
        var cancellationToken = file.CancellationToken;
        TryStatementSyntax? judged = null;
        foreach (var (tryStatement, catchClause) in RetryLoops.RetryingCatches(loop, RetryLoops.RetryLoopParts(loop).Body!, model, symbols, cancellationToken))
        {
            if (tryStatement == judged
                || Handlers.NextStatusCodeName(catchClause.Block, catchClause.Block.SpanStart).IsKind(SyntaxKind.IdentifierToken)
                || !CatchClauses.AdmitsDisconnectingFailure(catchClause, model, symbols, cancellationToken))
            {
                continue;
            }

            judged = tryStatement;
            var caught = catchClause.Declaration?.Type.ToString() ?? "any exception";
            foreach (var (send, _) in RetryLoops.RetriedSends(loop, tryStatement, model, symbols, cancellationToken))
            {
                // The client is the library's: a send wrapper's call hides it, and whether the wrapper connects is its own.
                if (Sends.SendLibraryOf(send, model, symbols, cancellationToken) == StatusLibrary.MailKit
                    && Receiver(send) is { } receiver
                    && model.GetSymbolInfo(receiver, cancellationToken).Symbol is (ILocalSymbol or IParameterSymbol or IFieldSymbol) and var client
                    && !RenewsClient(loop, client, model, cancellationToken))
                {
                    file.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.DisconnectedClientRetry, send.GetLocation(), Sends.CalledText(send), receiver.ToString(), "caught as " + caught));
                }
            }
        }
    }

    /// <summary>The client a send is called on: <c>smtp</c> in <c>smtp.SendAsync(m)</c> or <c>smtp?.SendAsync(m)</c>.</summary>
    private static ExpressionSyntax? Receiver(InvocationExpressionSyntax send) => send.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Expression,
        MemberBindingExpressionSyntax when send.Parent is ConditionalAccessExpressionSyntax access => access.Expression,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="loop"/> gives the client a connection again: declares or assigns it, calls
    /// <c>Connect</c>/<c>ConnectAsync</c> on it, or calls a method of the compilation whose name says it connects.
    /// </summary>
    private static bool RenewsClient(StatementSyntax loop, ISymbol client, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var reference in client.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == loop.SyntaxTree && loop.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        foreach (var node in loop.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment
                    when SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol, client):
                    return true;
                case InvocationExpressionSyntax invocation when IsConnectName(Sends.InvokedName(invocation)):
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                        && (!method.DeclaringSyntaxReferences.IsEmpty
                            || (Receiver(invocation) is { } receiver
                                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, client))))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool IsConnectName(string? name) =>
        name is not null && OwnCode.NameContains(name, "Connect") && !OwnCode.NameContains(name, "Disconnect");
}
