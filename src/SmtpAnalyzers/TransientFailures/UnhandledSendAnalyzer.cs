using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    private protected override void Register(AnalysisContext context) => RegisterSendAction(context, AnalyzeSend);

    private static void AnalyzeSend(InvocationExpressionSyntax send, StatusLibrary library, TransientFile context, SmtpSymbols symbols)
    {
        var model = context.SemanticModel;
        if (!RetryMechanisms.IsHandled(send, library, model, symbols, context.Options, context.CancellationToken)
            && !IsAdapterSend(send, model, context.CancellationToken)
            && !OwnCode.IsInExpressionTree(send, model, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnhandledSend, send.GetLocation(), Sends.CalledText(send)));
        }
    }

    /// <summary>
    /// Whether <paramref name="send"/> is an adapter's: a method that implements an interface method or overrides one
    /// (the project's own <c>ISmtpTransport.Send</c>) sends on a client its type holds in a field or property. Like
    /// a transport's, its contract is to throw, and the callers of the interface handle the failures (SMTP102 judges
    /// them); a retry inside it could not connect the client it was handed either.
    /// </summary>
    private static bool IsAdapterSend(InvocationExpressionSyntax send, SemanticModel model, CancellationToken cancellationToken)
    {
        if (send.Expression is not MemberAccessExpressionSyntax { Expression: var receiver }
            || model.GetSymbolInfo(receiver, cancellationToken).Symbol is not (IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false })
            || model.GetEnclosingSymbol(send.SpanStart, cancellationToken) is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method)
        {
            return false;
        }

        return method.IsOverride || SmtpSymbols.ImplementedInterfaceMethods(method).Any();
    }
}
