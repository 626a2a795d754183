using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// What a handler (a catch block or a statement of one) does with a failure besides its exits (<see cref="Exits"/>):
/// whether it tries again (a retry, a send, a deferral) and whether it only writes the failure out.
/// </summary>
internal static class Handlers
{
    /// <summary>Names of methods whose arguments are only written out, not tested.</summary>
    private static readonly string[] LoggingNames = ["Log", "Write", "Trace"];

    /// <summary>Names of methods that hand the message to something that tries again later.</summary>
    private static readonly string[] DeferringNames = ["Retry", "Requeue", "Defer", "Schedule", "Enqueue", "Outbox"];

    /// <summary>
    /// What the text of a scope that tries a send again spells, ignoring case (see <see cref="TriesAgainIn"/>): the
    /// keyword <c>continue</c>, or a part of the name of a send, a retry mechanism or a deferring method.
    /// </summary>
    private static readonly string[] TryAgainWords = ["continue", "Send", RetryMechanisms.ExecutePrefix, .. RetryMechanisms.RetryNames, .. DeferringNames];

    /// <summary>The name of the status property of MailKit's and System.Net.Mail's exceptions.</summary>
    public const string StatusCodeName = "StatusCode";

    /// <summary>
    /// The first identifier named <c>StatusCode</c> in <paramref name="scope"/> at or after <paramref name="start"/>,
    /// or a token of kind <see cref="SyntaxKind.None"/> (see <see cref="TextSearch.NextToken"/>).
    /// </summary>
    public static SyntaxToken NextStatusCodeName(SyntaxNode scope, int start) =>
        TextSearch.NextToken(scope, StatusCodeName, SyntaxKind.IdentifierToken, start);

    /// <summary>
    /// Whether <paramref name="node"/>, within its statement, is only written out: interpolated into a
    /// string or handed to a logging method (<c>Log…</c>, <c>Write…</c>, <c>Trace…</c>), not tested.
    /// </summary>
    public static bool IsOnlyWrittenOut(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null and not StatementSyntax; current = current.Parent)
        {
            switch (current)
            {
                case InterpolationSyntax:
                    return true;
                case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation }
                    when OwnCode.NameContains(Sends.InvokedName(invocation), LoggingNames):
                    return true;
                case CatchFilterClauseSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="scope"/> (not its nested functions) tries the send again: a call of the function holding
    /// it (recursion), a <c>continue</c>, a send or a send wrapper's call (<see cref="Sends.SendOrWrapperLibraryOf"/>),
    /// a retry mechanism, or a method that hands the message to a retry, queue or scheduler. A scope whose text
    /// spells none of these names is answered without walking its nodes: most catch clauses log and give up.
    /// </summary>
    public static bool TriesAgainIn(SyntaxNode scope, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        // Calling the function that holds the handler again retries like a loop.
        if (Recursion.RecursiveCallIn(scope, model, cancellationToken) is not null)
        {
            return true;
        }

        if (!MayTryAgainIn(scope))
        {
            return false;
        }

        foreach (var node in OwnCode.OwnNodes(scope))
        {
            switch (node)
            {
                // A continue that leaves the scope and goes round a loop that is not a walk over items.
                case ContinueStatementSyntax continueStatement
                    when Exits.LoopContinuedBy(continueStatement, model, cancellationToken) is { } loop
                        && !scope.Span.Contains(loop.Span)
                        && !RetryLoops.IsPerItemLoop(loop):
                    return true;
                case InvocationExpressionSyntax invocation:
                    if (OwnCode.NameContains(Sends.InvokedName(invocation), DeferringNames)
                        || Sends.SendOrWrapperLibraryOf(invocation, model, symbols, cancellationToken) != StatusLibrary.None
                        || RetryMechanisms.IsRetryMechanism(invocation, model, symbols, cancellationToken))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="catchClause"/> hands the caught failure on instead of dropping it: it passes the exception
    /// to a delegate (an async continuation, a callback) or to <c>TaskCompletionSource.SetException</c>/<c>TrySetException</c>,
    /// or keeps it in a local that the function throws later (<c>lastError = ex;</c> … <c>throw lastError;</c>, a failover
    /// over servers).
    /// </summary>
    public static bool HandsOn(CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken)
    {
        if (catchClause.Declaration is not { Identifier.ValueText: { Length: > 0 } name } declaration)
        {
            return false;
        }

        // Most clauses only read the exception's members (ex.StatusCode, ex.Message): the model is asked only about
        // the exception passed whole as an argument or assigned whole.
        ISymbol? exception = null;
        foreach (var node in OwnCode.OwnNodes(catchClause.Block))
        {
            if (node is not IdentifierNameSyntax { Parent: ArgumentSyntax or AssignmentExpressionSyntax } identifier
                || identifier.Identifier.ValueText != name
                || (exception ??= model.GetDeclaredSymbol(declaration, cancellationToken)) is null
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, exception))
            {
                continue;
            }

            switch (identifier.Parent)
            {
                case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation }
                    when model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                        && (method.MethodKind == MethodKind.DelegateInvoke
                            || (method.Name is "SetException" or "TrySetException" && method.ContainingType.Name == "TaskCompletionSource")):
                    return true;

                case AssignmentExpressionSyntax assignment
                    when assignment.Right == identifier
                        && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is ILocalSymbol local
                        && IsThrownLater(local, catchClause, model, cancellationToken):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether the function holding <paramref name="catchClause"/> throws <paramref name="local"/> after the clause's try (<c>throw lastError;</c>).</summary>
    private static bool IsThrownLater(ILocalSymbol local, CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken)
    {
        var function = catchClause.Ancestors().FirstOrDefault(ancestor => OwnCode.IsFunction(ancestor) || ancestor is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (function is null || catchClause.Parent is not TryStatementSyntax tryStatement)
        {
            return false;
        }

        foreach (var node in OwnCode.OwnNodes(function))
        {
            var thrown = node switch
            {
                ThrowStatementSyntax statement => statement.Expression,
                ThrowExpressionSyntax expression => expression.Expression,
                _ => null,
            };
            if (thrown is IdentifierNameSyntax name
                && name.SpanStart > tryStatement.Span.End
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the text of <paramref name="scope"/> spells something <see cref="TriesAgainIn"/> looks for: when it does
    /// not, nothing in the scope tries again. A text search, without the tree.
    /// </summary>
    public static bool MayTryAgainIn(SyntaxNode scope) => TextSearch.MaySpell(scope, TryAgainWords);
}
