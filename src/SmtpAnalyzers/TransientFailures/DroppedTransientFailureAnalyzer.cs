using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP102: a catch clause around a send that catches its failures and can complete without
/// rethrowing, retrying, deferring the message or looking at the status code, so a transient
/// failure is dropped. MailKit's <c>AuthenticationException</c> around an authentication or a send
/// counts too: a 421/454 during AUTH arrives as one. A call of a send wrapper of the compilation
/// (<see cref="SendWrappers"/>) is a send here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DroppedTransientFailureAnalyzer : MailSendAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.DroppedTransientFailure);

    private protected override void Register(AnalysisContext context) =>
        RegisterFileAction(context, static (file, symbols) =>
        {
            foreach (var tryStatement in Sends.TriesAroundCalls(file.SemanticModel.SyntaxTree, orAuthentication: true, orWrapperCalls: true))
            {
                AnalyzeTry(tryStatement, file, symbols);
            }
        });

    private static void AnalyzeTry(TryStatementSyntax tryStatement, TransientFile context, SmtpSymbols symbols)
    {
        if (tryStatement.Catches.Count == 0)
        {
            return;
        }

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        var (sendsMailKit, sendsSystemNetMail, authenticates) = WhatTheTryDoes(tryStatement.Block, model, symbols, cancellationToken);
        if (!sendsMailKit && !sendsSystemNetMail && !authenticates)
        {
            return;
        }

        // Reaching the end of a clause goes round the loop around the try: a retry, unless the loop walks over items.
        var inRetryLoop = RetryLoops.EnclosingLoop(tryStatement) is { } loop && !RetryLoops.IsPerItemLoop(loop);
        var last = tryStatement.Catches.Last();
        var takenEarlier = new TakenFailures(symbols);
        foreach (var catchClause in tryStatement.Catches)
        {
            // C# tries the clauses in order: a failure an earlier clause without a filter takes never reaches this one.
            var admitsMailKit = sendsMailKit && takenEarlier.LeavesAny(StatusLibrary.MailKit);
            var admitsSystemNetMail = sendsSystemNetMail && takenEarlier.LeavesAny(StatusLibrary.SystemNetMail);
            var admitsAuthentication = (sendsMailKit || authenticates) && takenEarlier.Leaves(symbols.MailKitAuthenticationException);
            takenEarlier.Add(catchClause, model, cancellationToken);

            // What a clause does decides only whether it reports and whether the clauses after it are exempt. So
            // the last clause is done when it tests the status code (found from its text alone) to decide something
            // other than taking the transient replies alone.
            var isLast = catchClause == last;
            var branchesOnStatus = BranchesOnStatusCode(catchClause);
            var selectsTransient = branchesOnStatus && SelectsOnlyTransient(catchClause, model, cancellationToken);
            if (isLast && branchesOnStatus && !selectsTransient)
            {
                return;
            }

            var catchesFailures =
                (admitsMailKit && CatchClauses.CatchesSendFailures(catchClause, StatusLibrary.MailKit, model, symbols, cancellationToken))
                || (admitsSystemNetMail && CatchClauses.CatchesSendFailures(catchClause, StatusLibrary.SystemNetMail, model, symbols, cancellationToken));
            var catchesAuthentication = !catchesFailures
                && admitsAuthentication
                && catchClause.Declaration is { } declaration
                && symbols.IsAuthenticationException(CatchClauses.CaughtType(declaration, model, cancellationToken));
            if (!catchesFailures && !catchesAuthentication)
            {
                continue;
            }

            // The clause gives up when it can complete (jump out, go on to the next item, or reach its end) without
            // trying again. Reaching its end inside a retry loop goes round again.
            var surelyCompletes = Exits.SurelyComplete(catchClause.Block);
            var exits = surelyCompletes && !inRetryLoop ? default : Exits.Of(catchClause.Block, model, cancellationToken);
            var canComplete = surelyCompletes || exits.JumpsOut || exits.Continues || exits.ReachesEnd;
            if (!canComplete
                || (inRetryLoop && exits.ReachesEnd)
                || Handlers.TriesAgainIn(catchClause.Block, model, symbols, cancellationToken)
                || Handlers.HandsOn(catchClause, model, cancellationToken))
            {
                if (catchesFailures)
                {
                    // The failures are handled here: the clauses after this one do not see them.
                    return;
                }

                continue;
            }

            // A clause that tests the status decides something, unless its filter takes the transient replies alone
            // and it gives up on them: the classification is there, the wrong way round.
            if (!isLast && branchesOnStatus && !selectsTransient)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.DroppedTransientFailure,
                catchClause.CatchKeyword.GetLocation(),
                catchesAuthentication
                    ? "a 421 or 454 during authentication arrives as AuthenticationException too, and this clause gives up as if the credentials were wrong"
                    : selectsTransient
                        ? "its filter selects the transient (4xx) replies, and it gives up on them"
                        : "it catches " + CaughtText(catchClause) + " but neither rethrows, retries, defers the message nor tests the status code"));
        }
    }

    private static (bool SendsMailKit, bool SendsSystemNetMail, bool Authenticates) WhatTheTryDoes(
        BlockSyntax block, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        bool mailKit = false, systemNetMail = false, authenticates = false;
        foreach (var call in Sends.CandidateCallsIn(block))
        {
            var invocation = call.Invocation;
            if (call.Kind == Sends.CallKind.Authentication)
            {
                authenticates |= invocation.Expression is MemberAccessExpressionSyntax { Expression: var client }
                    && symbols.IsMailKitAuthenticate(
                        model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol,
                        model.GetTypeInfo(client, cancellationToken).Type);
                continue;
            }

            // A send run by a retry mechanism inside the try: the catch sees what is left when the
            // retries are used up, and giving up there is the point of a bounded retry. A send in an expression
            // tree (a job handed to a scheduler) does not run in the try at all.
            if (RetryMechanisms.IsInsideRetry(invocation, block, model, symbols, cancellationToken)
                || OwnCode.IsInExpressionTree(invocation, model, cancellationToken))
            {
                continue;
            }

            // A send of the libraries, or a call of a send wrapper of the compilation, whose failures reach the
            // try's clauses unless an inner try takes them.
            var library = Sends.SendOrWrapperLibraryOf(invocation, model, symbols, cancellationToken);
            if (library != StatusLibrary.None && CatchClauses.IsCaughtWithin(invocation, block, library, model, symbols, cancellationToken))
            {
                continue;
            }

            mailKit |= library == StatusLibrary.MailKit;
            systemNetMail |= library == StatusLibrary.SystemNetMail;
        }

        return (mailKit, systemNetMail, authenticates);
    }

    /// <summary>
    /// Whether the clause or its <c>when</c> filter reads a <c>StatusCode</c> to decide something; a status
    /// code that is only logged does not count.
    /// </summary>
    private static bool BranchesOnStatusCode(CatchClauseSyntax catchClause)
    {
        for (var name = Handlers.NextStatusCodeName(catchClause, catchClause.SpanStart);
             !name.IsKind(SyntaxKind.None);
             name = Handlers.NextStatusCodeName(catchClause, name.Span.End))
        {
            if (name.Parent is IdentifierNameSyntax node && !Handlers.IsOnlyWrittenOut(node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the clause's <c>when</c> filter tests the failure's status and admits transient replies alone.</summary>
    private static bool SelectsOnlyTransient(CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken)
    {
        if (catchClause.Filter is not { } filter)
        {
            return false;
        }

        var names = FailureNames.OfFilter(catchClause);
        return names.Mentions(filter.FilterExpression)
            && StatusCondition.SelectsOnlyTransient(new StatusCondition(filter.FilterExpression, names), model, cancellationToken);
    }

    /// <summary>The exception types the clauses so far take whatever their state: those caught without a filter.</summary>
    private sealed class TakenFailures(SmtpSymbols symbols)
    {
        private readonly List<INamedTypeSymbol> _caught = [];
        private bool _all;

        public void Add(CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken)
        {
            if (catchClause.Filter is not null)
            {
                return;
            }

            if (catchClause.Declaration is not { } declaration)
            {
                _all = true;
            }
            else if (CatchClauses.CaughtType(declaration, model, cancellationToken) is INamedTypeSymbol caught)
            {
                _caught.Add(caught);
            }
        }

        /// <summary>Whether some send failure of <paramref name="library"/> is left for the next clause.</summary>
        public bool LeavesAny(StatusLibrary library)
        {
            foreach (var failure in symbols.SendFailures(library))
            {
                if (Leaves(failure))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="failure"/> is left for the next clause: no clause so far took it or a base of it.</summary>
        public bool Leaves(INamedTypeSymbol? failure)
        {
            if (_all)
            {
                return false;
            }

            foreach (var caught in _caught)
            {
                if (SmtpSymbols.InheritsFrom(failure, caught))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static string CaughtText(CatchClauseSyntax catchClause) =>
        catchClause.Declaration is { } declaration ? declaration.Type.ToString() : "every exception";
}
