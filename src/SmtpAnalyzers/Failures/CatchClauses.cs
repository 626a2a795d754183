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

/// <summary>Which send failures a catch clause takes: its caught type, and whether an inner clause takes them first.</summary>
internal static class CatchClauses
{
    /// <summary>Whether <paramref name="catchClause"/> catches the failures of a send of <paramref name="library"/>.</summary>
    public static bool CatchesSendFailures(CatchClauseSyntax catchClause, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        catchClause.Declaration is not { } declaration
        || symbols.CatchesSendFailures(CaughtType(declaration, model, cancellationToken), library);

    /// <summary>
    /// Whether every failure of <paramref name="send"/> is caught before it can leave <paramref name="scope"/>: the send
    /// sits in a <c>try</c> inside the scope with a clause that takes every failure of its library (no filter, a type
    /// that every failure exception derives from) and throws nothing of its own. A clause outside that try is then
    /// unreachable for the send's failures. With <paramref name="failure"/>, the question is about that failure alone
    /// (the exception that carries a reply status): a clause takes it when it catches that type or a base of it.
    /// </summary>
    public static bool IsCaughtWithin(
        SyntaxNode send, SyntaxNode scope, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken, INamedTypeSymbol? failure = null)
    {
        var child = send;
        for (var node = send.Parent; node is not null && node != scope; child = node, node = node.Parent)
        {
            if (OwnCode.IsFunction(node))
            {
                return false;
            }

            if (node is TryStatementSyntax tryStatement && child == tryStatement.Block)
            {
                foreach (var catchClause in tryStatement.Catches)
                {
                    if (catchClause.Filter is null
                        && (catchClause.Declaration is not { } declaration || Takes(CaughtType(declaration, model, cancellationToken)))
                        && !Throws(catchClause.Block))
                    {
                        return true;
                    }
                }
            }
        }

        return false;

        bool Takes(ITypeSymbol? caught) => failure is null
            ? symbols.CatchesEveryFailure(caught, library)
            : caught is INamedTypeSymbol type && SmtpSymbols.InheritsFrom(failure, type);
    }

    private static bool Throws(BlockSyntax block)
    {
        foreach (var node in OwnCode.OwnNodes(block))
        {
            if (node is ThrowStatementSyntax or ThrowExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="catchClause"/> admits a MailKit failure that closes the client's connection: a 421
    /// reply (<c>SmtpCommandException</c> or a base type, with no filter or one that can hold for 421) or a lost
    /// connection (<c>SmtpProtocolException</c>, <c>IOException</c> or a base type, with no filter or one that does
    /// not mention the failure). MailKit disconnects the client on both; other 4xx replies leave it connected.
    /// </summary>
    public static bool AdmitsDisconnectingFailure(CatchClauseSyntax catchClause, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var caught = catchClause.Declaration is { } declaration ? CaughtType(declaration, model, cancellationToken) as INamedTypeSymbol : null;
        if (catchClause.Declaration is not null && caught is null)
        {
            return false;
        }

        var names = FailureNames.Of(catchClause);
        var filter = catchClause.Filter?.FilterExpression;
        var takesReplies = caught is null || SmtpSymbols.InheritsFrom(symbols.MailKitCommandException, caught);
        if (takesReplies && (filter is null || StatusCondition.Admits([new StatusCondition(filter, names)], DisconnectingReply, model, cancellationToken)))
        {
            return true;
        }

        var takesLostConnections = caught is null
            || SmtpSymbols.InheritsFrom(symbols.MailKitProtocolException, caught)
            || SmtpSymbols.InheritsFrom(symbols.IOException, caught);
        return takesLostConnections && (filter is null || !names.Mentions(filter));
    }

    /// <summary>421: the server closes the transmission channel; MailKit disconnects the client.</summary>
    private const int DisconnectingReply = 421;

    /// <summary>
    /// The type a catch clause catches, read from the clause's operation. The rules ask about the clauses of a try
    /// around a send they have resolved, so the member is bound by then (SMTP106 asks only once the clause names a
    /// failed-recipient exception); in a build that runs operation-based rules the member's operation tree is built
    /// too, and the answer is a lookup in the semantic model's map.
    /// </summary>
    public static ITypeSymbol? CaughtType(CatchDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken) =>
        (model.GetOperation(declaration.Parent!, cancellationToken) as ICatchClauseOperation)?.ExceptionType;
}
