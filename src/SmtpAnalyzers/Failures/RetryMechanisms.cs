using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// Retry mechanisms a send can be handed to (Polly policies and pipelines, methods named for retry or resilience,
/// whose body, when it is in the compilation, must retry: <see cref="RetryHelpers"/>), and whether a send is handled
/// where it is written (SMTP101's question).
/// </summary>
internal static class RetryMechanisms
{
    /// <summary>What the name of a method that retries or adds resilience contains.</summary>
    internal static readonly string[] RetryNames = ["Retry", "Resilien"];

    /// <summary>How the name of a Polly policy's or pipeline's method that runs code starts.</summary>
    internal const string ExecutePrefix = "Execute";

    /// <summary>
    /// Whether <paramref name="invocation"/> is a retry mechanism: a Polly v7 policy's or Polly v8
    /// pipeline's <c>Execute…</c>, or any method whose name says retry or resilience.
    /// </summary>
    public static bool IsRetryMechanism(InvocationExpressionSyntax invocation, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var name = Sends.InvokedName(invocation);
        if (name is null)
        {
            return false;
        }

        if (OwnCode.NameContains(name, RetryNames))
        {
            return true;
        }

        return IsPollyExecute(invocation, model, symbols, cancellationToken);
    }

    /// <summary>Whether <paramref name="invocation"/> is a Polly v7 policy's or Polly v8 pipeline's <c>Execute…</c>.</summary>
    public static bool IsPollyExecute(InvocationExpressionSyntax invocation, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        Sends.InvokedName(invocation) is { } name
        && name.StartsWith(ExecutePrefix, StringComparison.Ordinal)
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
        && symbols.IsPollyPolicy(method.ContainingType);

    /// <summary>
    /// Whether a send is handled where it is written: inside a <c>try</c> whose catch clauses catch its
    /// failures, or inside a lambda or local function handed to a retry mechanism; or by a framework that retries the
    /// method it escapes from (<see cref="FrameworkRetry"/>, whose entry points <paramref name="options"/> may name);
    /// or, in a send wrapper of the compilation, by every caller of the wrapper.
    /// </summary>
    public static bool IsHandled(
        SyntaxNode send, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, AnalyzerOptions options, CancellationToken cancellationToken) =>
        IsHandled(send, library, model, symbols, options, depth: 0, cancellationToken);

    private static bool IsHandled(
        SyntaxNode send, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, AnalyzerOptions options, int depth, CancellationToken cancellationToken)
    {
        var child = send;
        for (var node = send.Parent; node is not null; child = node, node = node.Parent)
        {
            switch (node)
            {
                case TryStatementSyntax tryStatement when child == tryStatement.Block:
                    foreach (var catchClause in tryStatement.Catches)
                    {
                        if (CatchClauses.CatchesSendFailures(catchClause, library, model, symbols, cancellationToken))
                        {
                            return true;
                        }
                    }

                    break;

                case ArgumentSyntax argument when IsHandedToRetry(argument, child, model, symbols, cancellationToken):
                    return true;

                // A local function is handled where it is used: handed to a retry or called inside a try.
                case LocalFunctionStatementSyntax localFunction:
                    return depth < 2 && IsLocalFunctionHandled(localFunction, library, model, symbols, options, depth, cancellationToken);

                // The failure leaves the method: a framework that calls it again handles it, else its callers must.
                case BaseMethodDeclarationSyntax method:
                    return model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol
                        && (FrameworkRetry.Retries(symbol, options, cancellationToken)
                            || depth < 2 && AreCallersHandling(symbol, library, model, symbols, options, depth, cancellationToken));

                case MemberDeclarationSyntax or CompilationUnitSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the send's failures, which leave <paramref name="method"/>, are handled by every caller: the method is a
    /// send wrapper (<see cref="SendWrappers"/>) called at least once in the compilation, and each call is handled
    /// where it is written (or by its own callers, one level up). A caller that catches is then SMTP102's to judge; a
    /// wrapper nobody in the compilation calls (a library's API) stays the send's responsibility.
    /// </summary>
    private static bool AreCallersHandling(
        IMethodSymbol method, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, AnalyzerOptions options, int depth, CancellationToken cancellationToken)
    {
        if (!Sends.IsWrapperName(method.Name)
            || SendWrappers.For(model.Compilation, symbols).CallsOf(method) is not { Count: > 0 } calls)
        {
            return false;
        }

        foreach (var (call, callModel) in calls)
        {
            if (!IsHandled(call, library, callModel, symbols, options, depth + 1, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="node"/> runs inside a lambda or method group handed to a retry mechanism,
    /// looking no further up than <paramref name="scope"/>.
    /// </summary>
    public static bool IsInsideRetry(SyntaxNode node, SyntaxNode scope, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var child = node;
        for (var current = node.Parent; current is not null && current != scope; child = current, current = current.Parent)
        {
            if (current is ArgumentSyntax argument && IsHandedToRetry(argument, child, model, symbols, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A lambda or a method group handed to a retry: <c>policy.ExecuteAsync(ct =&gt; smtp.SendAsync(m, ct))</c>. A helper
    /// of the compilation is judged by its body whatever its name (<see cref="RetryHelpers"/>): <c>Retry.RunAsync</c>
    /// retries when its loop does, <c>WithRetry</c> that runs the code once retries nothing. Other methods are judged by
    /// their name (<see cref="IsRetryMechanism"/>).
    /// </summary>
    private static bool IsHandedToRetry(ArgumentSyntax argument, SyntaxNode child, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (child is not (AnonymousFunctionExpressionSyntax or IdentifierNameSyntax) || argument.Parent?.Parent is not InvocationExpressionSyntax invocation)
        {
            return false;
        }

        var helper = model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
            ? RetryHelpers.Of(method, model.Compilation, symbols, cancellationToken)
            : RetryHelperVerdict.Unknown;
        return helper == RetryHelperVerdict.Unknown
            ? IsRetryMechanism(invocation, model, symbols, cancellationToken)
            : helper != RetryHelperVerdict.RunsOnce;
    }

    private static bool IsLocalFunctionHandled(
        LocalFunctionStatementSyntax localFunction,
        StatusLibrary library,
        SemanticModel model,
        SmtpSymbols symbols,
        AnalyzerOptions options,
        int depth,
        CancellationToken cancellationToken)
    {
        var name = localFunction.Identifier.ValueText;
        SyntaxNode? scope = localFunction.Parent;
        while (scope is not null and not MemberDeclarationSyntax and not CompilationUnitSyntax)
        {
            scope = scope.Parent;
        }

        // A local function of top-level statements is called from the other statements of the file.
        if (scope is GlobalStatementSyntax)
        {
            scope = scope.Parent;
        }

        if (scope is null)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier
                && identifier.Identifier.ValueText == name
                && !localFunction.Span.Contains(identifier.Span)
                && IsHandled(identifier, library, model, symbols, options, depth + 1, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
