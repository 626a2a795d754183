using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP103 in retry loops: a catch clause of a loop that retries a send (as SMTP104 decides) whose
/// exception carries a reply status, and that goes round the loop again, or sends again, on a 5xx reply. A call of a
/// send wrapper of the compilation (<see cref="SendWrappers"/>) is a send here (<see cref="RetryLoops.RetriedSends"/>).
/// </summary>
/// <remarks>
/// The clause is read statement by statement: an <c>if</c> on the failure whose branch throws, returns or
/// breaks keeps those replies out of what follows; an <c>if</c> whose branch says <c>continue</c> or sends
/// again retries what its condition admits; falling off the end retries what is left. The clause's
/// <c>when</c> filter, and the filters of earlier clauses of the same <c>try</c> that catch the same
/// exception, narrow every path. Whatever cannot be judged (a helper called with the exception, a
/// <c>switch</c> on the status, an <c>if</c>/<c>else</c> on it) makes the clause silent.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PermanentFailureRetryLoopAnalyzer : MailSendAnalyzer
{
    /// <summary>The diagnostic property saying which library's status the caught exception carries.</summary>
    public const string LibraryProperty = "Library";

    /// <summary>The diagnostic property present when the fix can add a transient filter to the clause.</summary>
    public const string AddFilterProperty = "AddFilter";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PermanentFailureRetry);

    private protected override void Register(AnalysisContext context) => RegisterRetryLoopAction(context, AnalyzeLoop);

    private static void AnalyzeLoop(StatementSyntax loop, TransientFile context, SmtpSymbols symbols)
    {
        var body = RetryLoops.RetryLoopParts(loop).Body!;
        var model = context.SemanticModel;
        foreach (var (tryStatement, catchClause) in RetryLoops.RetryingCatches(loop, body, model, symbols, context.CancellationToken))
        {
            if (catchClause.Declaration is not { } declaration
                || CatchClauses.CaughtType(declaration, model, context.CancellationToken) is not INamedTypeSymbol caught)
            {
                continue;
            }

            // A clause for an exception that carries a status, or for a base of it (Exception) that tests the type.
            var names = FailureNames.Of(catchClause);
            var typeTested = false;
            if (symbols.StatusLibraryOfFailure(caught) == StatusLibrary.None)
            {
                if (TypeTestedFailure(catchClause, names, caught, model, symbols, context.CancellationToken) is not { } tested)
                {
                    continue;
                }

                (caught, typeTested) = (tested, true);
            }

            var clause = new Clause(loop, tryStatement, catchClause, names, caught, model, symbols, context.CancellationToken);
            if (clause.FindPermanentRetry() is { } finding)
            {
                Report(context, catchClause, symbols.StatusLibraryOfFailure(caught), finding, canAddFilter: !typeTested);
            }
        }
    }

    /// <summary>
    /// The exception that carries a reply status (MailKit's <c>SmtpCommandException</c>, System.Net.Mail's
    /// <c>SmtpException</c>) when a clause that catches a base of it (<c>catch (Exception ex)</c>) tests the exception's
    /// type against it or a subtype (<c>ex is SmtpCommandException</c>, <c>ex is SmtpCommandException c</c>) in its
    /// filter or block: the clause then singles out reply failures, and what it does with them can be judged. Null
    /// for a clause that never asks (it cannot read a status, and retrying every exception is its author's choice).
    /// </summary>
    private static INamedTypeSymbol? TypeTestedFailure(
        CatchClauseSyntax catchClause, FailureNames names, INamedTypeSymbol caught, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var scopes = catchClause.Filter is { } filter ? [filter.FilterExpression, catchClause.Block] : new SyntaxNode[] { catchClause.Block };
        foreach (var scope in scopes)
        {
            foreach (var node in OwnCode.OwnNodes(scope))
            {
                var type = node switch
                {
                    BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression, Right: TypeSyntax right } test when names.IsException(test.Left) => right,
                    IsPatternExpressionSyntax { Pattern: DeclarationPatternSyntax { Type: var declared } } test when names.IsException(test.Expression) => declared,
                    IsPatternExpressionSyntax { Pattern: TypePatternSyntax { Type: var typed } } test when names.IsException(test.Expression) => typed,
                    _ => null,
                };
                var library = type is null ? StatusLibrary.None : symbols.StatusLibraryOfFailure(model.GetTypeInfo(type, cancellationToken).Type);
                if (symbols.ReplyFailure(library) is { } failure && SmtpSymbols.InheritsFrom(failure, caught))
                {
                    return failure;
                }
            }
        }

        return null;
    }

    /// <summary>Reports <paramref name="finding"/>; <paramref name="canAddFilter"/> is false where a transient filter would also stop the retries of other exceptions the clause catches.</summary>
    private static void Report(TransientFile context, CatchClauseSyntax catchClause, StatusLibrary library, Finding finding, bool canAddFilter)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(LibraryProperty, library.ToString());
        var example = finding.Code.Value + " (" + finding.Code.Title + ")";
        if (finding.Condition is { } condition)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PermanentFailureRetry,
                condition.GetLocation(),
                properties,
                condition == catchClause.Filter?.FilterExpression ? "This filter" : "This condition",
                "it holds for " + example + ", and the loop goes round again"));
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.PermanentFailureRetry,
            catchClause.CatchKeyword.GetLocation(),
            canAddFilter ? properties.Add(AddFilterProperty, string.Empty) : properties,
            "This catch clause",
            finding.TestsStatus
                ? "a " + example + " reply gets past its tests, and the loop goes round again"
                : "nothing tests the reply status before the loop goes round again, so a " + example + " is retried like a 4xx"));
    }

    /// <summary>
    /// A path of a clause that retries a 5xx reply: <see cref="Code"/> is one such reply; <see cref="Condition"/>
    /// the condition on the status that lets it through, or null when the clause retries it by falling through.
    /// </summary>
    private sealed class Finding
    {
        public Finding(ReplyCode code, ExpressionSyntax? condition, bool testsStatus)
        {
            Code = code;
            Condition = condition;
            TestsStatus = testsStatus;
        }

        public ReplyCode Code { get; }

        public ExpressionSyntax? Condition { get; }

        /// <summary>Whether the clause, its filter or an earlier clause's filter tests the failure at all.</summary>
        public bool TestsStatus { get; }
    }

    /// <summary>One catch clause of a retry loop, read statement by statement.</summary>
    private sealed class Clause
    {
        private readonly SyntaxNode _loop;
        private readonly CatchClauseSyntax _catchClause;
        private readonly SemanticModel _model;
        private readonly SmtpSymbols _symbols;
        private readonly CancellationToken _cancellationToken;
        private readonly FailureNames _names;

        /// <summary>The exception that carries the reply status, whose 5xx replies are looked for.</summary>
        private readonly INamedTypeSymbol _failure;

        /// <summary>Whether an earlier clause without a filter takes every such failure, so that none reaches this one.</summary>
        private readonly bool _takenEarlier;

        /// <summary>What holds on every path of the clause: earlier clauses' filters did not match, its own did.</summary>
        private readonly List<StatusCondition> _conditions = [];

        private readonly bool _filterTestsStatus;
        private bool _bodyTestsStatus;
        private bool _testsStatus;

        public Clause(
            SyntaxNode loop, TryStatementSyntax tryStatement, CatchClauseSyntax catchClause, FailureNames names, INamedTypeSymbol failure,
            SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
        {
            _loop = loop;
            _catchClause = catchClause;
            _model = model;
            _symbols = symbols;
            _cancellationToken = cancellationToken;
            _names = names;
            _failure = failure;

            foreach (var earlier in tryStatement.Catches)
            {
                if (earlier == catchClause)
                {
                    break;
                }

                // An earlier clause for the same exception or a base of it takes every failure its filter admits.
                var earlierType = earlier.Declaration is { } earlierDeclaration ? CatchClauses.CaughtType(earlierDeclaration, model, cancellationToken) : null;
                if (earlier.Declaration is not null && (earlierType is null || !model.Compilation.ClassifyConversion(failure, earlierType).IsImplicit))
                {
                    continue;
                }

                if (earlier.Filter is not { } earlierFilter)
                {
                    _takenEarlier = true;
                    break;
                }

                var earlierNames = FailureNames.OfFilter(earlier);
                _conditions.Add(new StatusCondition(earlierFilter.FilterExpression, earlierNames, negated: true));
                _testsStatus |= earlierNames.Mentions(earlierFilter.FilterExpression);
            }

            if (catchClause.Filter is { } filter)
            {
                _conditions.Add(new StatusCondition(filter.FilterExpression, _names));
                _filterTestsStatus = _names.Mentions(filter.FilterExpression);
                _testsStatus |= _filterTestsStatus;
            }
        }

        /// <summary>The first path of the clause that retries a 5xx reply, or null when none does or when that cannot be judged.</summary>
        public Finding? FindPermanentRetry()
        {
            if (_takenEarlier)
            {
                return null;
            }

            foreach (var statement in _catchClause.Block.Statements)
            {
                if (statement is ThrowStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax)
                {
                    return null;
                }

                if (statement is IfStatementSyntax { Else: null } ifStatement && _names.Mentions(ifStatement.Condition))
                {
                    _testsStatus = _bodyTestsStatus = true;
                    var retries = Retries(ifStatement.Statement);
                    var exits = EndIsReachable(ifStatement.Statement) is false;
                    if (retries || !exits)
                    {
                        if (TestsFailureIn(ifStatement.Statement))
                        {
                            return null;
                        }

                        if (retries && Admitted(ifStatement.Condition) is { } code)
                        {
                            return new Finding(code, ifStatement.Condition, testsStatus: true);
                        }
                    }

                    if (exits)
                    {
                        _conditions.Add(new StatusCondition(ifStatement.Condition, _names, negated: true));
                    }

                    continue;
                }

                if (TestsFailureIn(statement))
                {
                    return null;
                }

                if (Retries(statement) && FallThrough() is { } found)
                {
                    return found;
                }

                if (EndIsReachable(statement) is not true)
                {
                    return null;
                }
            }

            return EndIsReachable(_catchClause.Block) is true ? FallThrough() : null;
        }

        /// <summary>A retry on the clause's path so far, without a condition of its own.</summary>
        private Finding? FallThrough()
        {
            if (Admitted(condition: null) is not { } code)
            {
                return null;
            }

            // A filter that tests the status and lets a 5xx through is the condition to blame, unless the
            // block tests the status again.
            return _filterTestsStatus && !_bodyTestsStatus
                ? new Finding(code, _catchClause.Filter!.FilterExpression, testsStatus: true)
                : new Finding(code, condition: null, _testsStatus);
        }

        private ReplyCode? Admitted(ExpressionSyntax? condition)
        {
            if (condition is null)
            {
                return StatusCondition.FirstPermanentAdmitted(_conditions, _failure, _model, _cancellationToken);
            }

            _conditions.Add(new StatusCondition(condition, _names));
            var code = StatusCondition.FirstPermanentAdmitted(_conditions, _failure, _model, _cancellationToken);
            _conditions.RemoveAt(_conditions.Count - 1);
            return code;
        }

        /// <summary>Whether <paramref name="statement"/> goes round the retry loop again (<c>continue</c>) or sends again.</summary>
        private bool Retries(StatementSyntax statement)
        {
            foreach (var node in statement.DescendantNodesAndSelf(node => node == statement || !OwnCode.IsFunction(node)))
            {
                switch (node)
                {
                    case ContinueStatementSyntax continueStatement when Exits.LoopContinuedBy(continueStatement, _model, _cancellationToken) == _loop:
                        return true;
                    case InvocationExpressionSyntax invocation when Sends.SendOrWrapperLibraryOf(invocation, _model, _symbols, _cancellationToken) != StatusLibrary.None:
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="statement"/> uses the failure other than by writing it out, storing it or
        /// throwing it: then it may decide something this analysis cannot follow.
        /// </summary>
        private bool TestsFailureIn(StatementSyntax statement)
        {
            foreach (var node in OwnCode.OwnNodes(statement))
            {
                if (node is IdentifierNameSyntax identifier
                    && _names.IsReference(identifier)
                    && !Handlers.IsOnlyWrittenOut(identifier)
                    && !IsStoredOrThrown(identifier))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="node"/> is part of an assignment (a variable or the value stored in it), or of what is thrown.</summary>
        private static bool IsStoredOrThrown(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case EqualsValueClauseSyntax or AssignmentExpressionSyntax or ThrowExpressionSyntax or ThrowStatementSyntax:
                        return true;
                    case StatementSyntax:
                        return false;
                }
            }

            return false;
        }

        private bool? EndIsReachable(StatementSyntax statement) =>
            _model.AnalyzeControlFlow(statement) is { Succeeded: true } flow ? flow.EndPointIsReachable : null;
    }
}
