using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP103 in retry helpers of the compilation: a send handed, in a lambda, to a method
/// (<c>Retry.RunAsync(() =&gt; smtp.SendAsync(message))</c>) whose body is in the compilation and retries every
/// exception (<see cref="RetryHelpers"/>): a 5xx reply goes round its loop like a 4xx. Reported at the helper's call.
/// </summary>
/// <remarks>
/// The helper is judged by its body, whatever its name: one that tests the exception (a filter, a predicate, an
/// <c>if</c> on it) decides something this rule does not follow and is left alone, as is a helper of a library.
/// No fix: the helper serves other callers, and a filter there is its owner's decision.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PermanentFailureRetryHelperAnalyzer : MailSendAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PermanentFailureRetry);

    private protected override void Register(AnalysisContext context) => RegisterSendAction(context, AnalyzeSend);

    private static void AnalyzeSend(InvocationExpressionSyntax send, StatusLibrary library, TransientFile context, SmtpSymbols symbols)
    {
        var model = context.SemanticModel;
        if (HelperCallAround(send) is not { } helper
            || !IsFirstSendIn(helper.Lambda, send, model, symbols, context.CancellationToken)
            || symbols.ReplyFailure(library) is not { } failure
            || CatchClauses.IsCaughtWithin(send, helper.Lambda, library, model, symbols, context.CancellationToken, failure)
            || model.GetSymbolInfo(helper.Call, context.CancellationToken).Symbol is not IMethodSymbol method
            || RetryHelpers.Of(method, model.Compilation, symbols, context.CancellationToken) != RetryHelperVerdict.RetriesEveryException
            || StatusCondition.FirstPermanentAdmitted([], failure, model, context.CancellationToken) is not { } code)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.PermanentFailureRetry,
            helper.Call.Expression.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(PermanentFailureRetryLoopAnalyzer.LibraryProperty, library.ToString()),
            "This retry helper",
            "'" + helper.Call.Expression + "' retries every exception, so a " + code.Value + " (" + code.Title + ") is retried like a 4xx"));
    }

    /// <summary>Whether <paramref name="send"/> is the first send in <paramref name="lambda"/>: the helper's call is reported once.</summary>
    private static bool IsFirstSendIn(AnonymousFunctionExpressionSyntax lambda, InvocationExpressionSyntax send, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var (first, _) in Sends.SendsIn(lambda, model, symbols, cancellationToken))
        {
            return first == send;
        }

        return false;
    }

    /// <summary>The innermost call that <paramref name="send"/> is handed to in a lambda, and that lambda.</summary>
    private static (InvocationExpressionSyntax Call, AnonymousFunctionExpressionSyntax Lambda)? HelperCallAround(InvocationExpressionSyntax send)
    {
        SyntaxNode child = send;
        for (var node = send.Parent; node is not null and not MemberDeclarationSyntax; child = node, node = node.Parent)
        {
            if (node is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax call } && child is AnonymousFunctionExpressionSyntax lambda)
            {
                return (call, lambda);
            }
        }

        return null;
    }
}
