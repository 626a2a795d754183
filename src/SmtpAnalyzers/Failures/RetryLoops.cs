using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// Loops that retry a send: a <c>while</c>, <c>do</c> or <c>for</c> whose body holds a <c>try</c> around the send with
/// a clause that takes its failures and goes round again. A <c>foreach</c> walks over items and retries nothing.
/// </summary>
internal static class RetryLoops
{
    /// <summary>The kinds of loop that can retry a send: <c>while</c>, <c>do</c> and <c>for</c> (a <c>foreach</c> walks over items).</summary>
    public static ImmutableArray<SyntaxKind> RetryLoopKinds { get; } =
        ImmutableArray.Create(SyntaxKind.WhileStatement, SyntaxKind.DoStatement, SyntaxKind.ForStatement);

    /// <summary>The keyword, condition and body of a loop of <see cref="RetryLoopKinds"/>; default for any other node.</summary>
    public static (SyntaxToken Keyword, ExpressionSyntax? Condition, StatementSyntax? Body) RetryLoopParts(SyntaxNode node) => node switch
    {
        WhileStatementSyntax loop => (loop.WhileKeyword, loop.Condition, loop.Statement),
        DoStatementSyntax loop => (loop.DoKeyword, loop.Condition, loop.Statement),
        ForStatementSyntax loop => (loop.ForKeyword, loop.Condition, loop.Statement),
        _ => default,
    };

    /// <summary>Whether <paramref name="node"/> is a loop statement.</summary>
    public static bool IsLoop(SyntaxNode node) =>
        node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax;

    /// <summary>The innermost loop whose body holds <paramref name="node"/>, within the same function.</summary>
    public static StatementSyntax? EnclosingLoop(SyntaxNode node)
    {
        var child = node;
        for (var current = node.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case WhileStatementSyntax loop when child == loop.Statement:
                    return loop;
                case DoStatementSyntax loop when child == loop.Statement:
                    return loop;
                case ForStatementSyntax loop when child == loop.Statement:
                    return loop;
                case CommonForEachStatementSyntax loop when child == loop.Statement:
                    return loop;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a <c>try</c> of <paramref name="loop"/> (not of a nested loop or function) catches a send's
    /// failures and lets the loop go round again.
    /// </summary>
    public static bool RetriesASend(SyntaxNode loop, StatementSyntax body, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var _ in RetryingCatches(loop, body, model, symbols, cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// The catch clauses that make <paramref name="loop"/> a retry loop of a send: clauses of a <c>try</c> of
    /// the loop (not of a nested loop or function) around a send, that catch the send's failures and let the
    /// loop go round again. A send whose arguments use something the loop declares
    /// (<c>while (queue.TryDequeue(out var message))</c>) walks over messages and makes no retry.
    /// </summary>
    public static IEnumerable<(TryStatementSyntax Try, CatchClauseSyntax Catch)> RetryingCatches(
        SyntaxNode loop, StatementSyntax body, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var node in OwnCode.OwnNodes(body))
        {
            if (node is not TryStatementSyntax tryStatement || tryStatement.Catches.Count == 0 || EnclosingLoop(tryStatement) != loop)
            {
                continue;
            }

            bool mailKit = false, systemNetMail = false;
            foreach (var (_, library) in RetriedSends(loop, tryStatement, model, symbols, cancellationToken))
            {
                mailKit |= library == StatusLibrary.MailKit;
                systemNetMail |= library == StatusLibrary.SystemNetMail;
            }

            if (!mailKit && !systemNetMail)
            {
                continue;
            }

            foreach (var catchClause in tryStatement.Catches)
            {
                if (((mailKit && CatchClauses.CatchesSendFailures(catchClause, StatusLibrary.MailKit, model, symbols, cancellationToken))
                        || (systemNetMail && CatchClauses.CatchesSendFailures(catchClause, StatusLibrary.SystemNetMail, model, symbols, cancellationToken)))
                    && GoesRoundAgain(catchClause, model))
                {
                    yield return (tryStatement, catchClause);
                }
            }
        }
    }

    /// <summary>
    /// The sends of <paramref name="tryStatement"/>'s block that a clause of it retries when the try belongs to
    /// <paramref name="loop"/>: sends whose failures reach the clauses (no inner try takes them all) and whose
    /// arguments use nothing the loop declares (the same message each turn). A call of a send wrapper of the
    /// compilation (<see cref="SendWrappers"/>) is a send here: the loop around it retries the wrapper's send, unless
    /// the call hands it no message (<see cref="HandsNoMessage"/>).
    /// </summary>
    public static IEnumerable<(InvocationExpressionSyntax Send, StatusLibrary Library)> RetriedSends(
        SyntaxNode loop, TryStatementSyntax tryStatement, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var (send, library) in Sends.SendsIn(tryStatement.Block, model, symbols, cancellationToken, orWrapperCalls: true))
        {
            if (!UsesSomethingDeclaredIn(loop, send, model, cancellationToken)
                && !HandsNoMessage(send, model, symbols, cancellationToken)
                && !CatchClauses.IsCaughtWithin(send, tryStatement.Block, library, model, symbols, cancellationToken))
            {
                yield return (send, library);
            }
        }
    }

    /// <summary>
    /// Whether a catch clause inside a loop lets it go round again: a <c>continue</c> that leaves the clause, or the
    /// end of the clause, is reachable (see <see cref="Exits"/>).
    /// </summary>
    public static bool GoesRoundAgain(CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken = default) =>
        Exits.Of(catchClause.Block, model, cancellationToken) is var exits && (exits.Continues || exits.ReachesEnd);

    /// <summary>
    /// Whether <paramref name="loop"/> walks over items (messages, recipients): a <c>foreach</c>. Going round it
    /// after a failure gives up on the item and goes on to the next one; it does not try the item again.
    /// </summary>
    public static bool IsPerItemLoop(SyntaxNode? loop) => loop is CommonForEachStatementSyntax;

    /// <summary>
    /// Whether <paramref name="send"/> is handed nothing but cancellation tokens: a send wrapper that builds its message
    /// itself (<c>SendDigestAsync()</c>, <c>SendPendingAsync(ct)</c>). A loop around it is a periodic job that sends
    /// what is due each turn, as a loop whose send takes something the loop declares walks over messages. A send of
    /// the libraries always takes its message.
    /// </summary>
    public static bool HandsNoMessage(InvocationExpressionSyntax send, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var argument in send.ArgumentList.Arguments)
        {
            if (model.GetTypeInfo(argument.Expression, cancellationToken).Type is not { } type
                || !SymbolEqualityComparer.Default.Equals(type, symbols.CancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the send's arguments use a local declared by the loop: then the loop walks over messages.</summary>
    public static bool UsesSomethingDeclaredIn(SyntaxNode loop, InvocationExpressionSyntax send, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in send.ArgumentList.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier
                && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == loop.SyntaxTree && loop.Span.Contains(reference.Span))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
