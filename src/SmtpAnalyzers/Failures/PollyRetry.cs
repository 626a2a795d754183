using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// How Polly retries are written, as the rules read them: a v7 chain
/// <c>Policy.Handle&lt;T&gt;(…).Or&lt;U&gt;(…).WaitAndRetryAsync(…)</c>, and a v8 retry
/// <c>AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle&lt;T&gt;(…), … })</c>.
/// Only chains written in one expression are read; a builder kept in a variable is not followed.
/// </summary>
internal static class PollyRetry
{
    /// <summary>Whether a method of this name names an exception type the chain handles.</summary>
    public static bool IsExceptionHandlerName(string? name) => name is "Handle" or "Or";

    /// <summary>Whether a method of this name is a Polly v7 retry made from a policy builder.</summary>
    public static bool IsV7RetryName(string? name) => name
        is "Retry" or "RetryAsync" or "RetryForever" or "RetryForeverAsync"
        or "WaitAndRetry" or "WaitAndRetryAsync" or "WaitAndRetryForever" or "WaitAndRetryForeverAsync";

    /// <summary>
    /// The node that turns the chain <paramref name="handler"/> belongs to into a retry, judged by syntax
    /// alone: the v7 retry invocation (<c>.WaitAndRetry(…)</c>) or the v8 <c>ShouldHandle = …</c> assignment;
    /// null when the chain ends in anything else (a circuit breaker, a fallback, a variable).
    /// </summary>
    public static SyntaxNode? RetryOf(InvocationExpressionSyntax handler)
    {
        ExpressionSyntax chain = handler;
        while (chain.Parent is MemberAccessExpressionSyntax access
            && access.Expression == chain
            && access.Parent is InvocationExpressionSyntax next)
        {
            var name = access.Name.Identifier.ValueText;
            if (IsV7RetryName(name))
            {
                return next;
            }

            if (!IsChainName(name))
            {
                return null;
            }

            chain = next;
        }

        return chain.Parent is AssignmentExpressionSyntax assignment && assignment.Right == chain && IsShouldHandle(assignment.Left)
            ? assignment
            : null;
    }

    /// <summary>
    /// Whether the v8 <c>ShouldHandle = …</c> <paramref name="assignment"/> sets the predicate of a retry
    /// (not of a circuit breaker, hedging or fallback, whose options have a <c>ShouldHandle</c> too).
    /// </summary>
    public static bool SetsRetryPredicate(AssignmentExpressionSyntax assignment, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IPropertySymbol property
        && symbols.IsPollyRetryOptions(property.ContainingType);

    /// <summary>
    /// Whether the handler chain ending in <paramref name="chain"/> (the receiver of a v7 retry, or the value
    /// of a v8 <c>ShouldHandle</c>) names a send failure: <c>SmtpCommandException</c>, <c>SmtpProtocolException</c>,
    /// <c>SmtpException</c> or one of its subtypes.
    /// </summary>
    public static bool HandlesSendFailures(ExpressionSyntax chain, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        while (chain is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
            && IsChainName(access.Name.Identifier.ValueText))
        {
            if (access.Name is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic
                && IsExceptionHandlerName(generic.Identifier.ValueText)
                && symbols.IsSendFailure(model.GetTypeInfo(generic.TypeArgumentList.Arguments[0], cancellationToken).Type)
                && symbols.IsPollyExceptionHandler(model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol))
            {
                return true;
            }

            chain = access.Expression;
        }

        return false;
    }

    /// <summary>The value assigned to <paramref name="property"/> in an object initializer, or null.</summary>
    public static ExpressionSyntax? ValueOf(InitializerExpressionSyntax initializer, string property)
    {
        foreach (var expression in initializer.Expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment && name.Identifier.ValueText == property)
            {
                return assignment.Right;
            }
        }

        return null;
    }

    /// <summary>The methods a handler chain is made of, exception and result handlers alike.</summary>
    private static bool IsChainName(string name) => name
        is "Handle" or "Or" or "HandleInner" or "OrInner" or "HandleResult" or "OrResult";

    private static bool IsShouldHandle(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText == "ShouldHandle",
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "ShouldHandle",
        _ => false,
    };
}
