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
/// SMTP104: a <c>while</c>, <c>do</c> or <c>for</c> loop that retries a send after catching its failures
/// with no delay between attempts, or with no bound on the number of attempts, and a retry by recursion. A call of a
/// send wrapper of the compilation (<see cref="SendWrappers"/>) is a send here.
/// </summary>
/// <remarks>
/// A loop retries a send when its body holds a <c>try</c> around the send with a clause that catches the
/// send's failures and falls through to the next turn. Loops whose send takes something declared in the
/// loop (<c>while (queue.TryDequeue(out var message))</c>) walk over messages and are not retries;
/// <c>foreach</c> loops are left out for the same reason.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedRetryLoopAnalyzer : MailSendAnalyzer
{
    /// <summary>Diagnostic property present when the loop does not wait between attempts.</summary>
    public const string NoDelayProperty = "NoDelay";

    /// <summary>Diagnostic property present when nothing limits the number of attempts.</summary>
    public const string NoBoundProperty = "NoBound";

    /// <summary>Names of methods that wait: <c>Task.Delay</c>, <c>Thread.Sleep</c>, a backoff helper.</summary>
    private static readonly string[] DelayNames = ["Delay", "Sleep", "Backoff", "Pause"];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnboundedRetry);

    private protected override void Register(AnalysisContext context) =>
        RegisterFileAction(context, static (file, symbols) =>
        {
            foreach (var loop in Sends.RetryLoopsAroundSends(file.SemanticModel.SyntaxTree))
            {
                AnalyzeLoop(loop, file, symbols);
            }

            foreach (var tryStatement in Sends.TriesAroundCalls(file.SemanticModel.SyntaxTree, orAuthentication: false, orWrapperCalls: true))
            {
                AnalyzeRecursion(tryStatement, file, symbols);
            }
        });

    /// <summary>
    /// A retry by recursion: a catch clause around a send that calls the function holding it again. Reported at the
    /// recursive call, without the properties the loop fix needs.
    /// </summary>
    private static void AnalyzeRecursion(TryStatementSyntax tryStatement, TransientFile context, SmtpSymbols symbols)
    {
        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        if (tryStatement.Catches.Count == 0 || Recursion.EnclosingFunction(tryStatement) is not { } function)
        {
            return;
        }

        bool mailKit = false, systemNetMail = false;
        foreach (var (send, library) in Sends.SendsIn(tryStatement.Block, model, symbols, cancellationToken, orWrapperCalls: true))
        {
            if (Recursion.EnclosingFunction(send) == function
                && !CatchClauses.IsCaughtWithin(send, tryStatement.Block, library, model, symbols, cancellationToken))
            {
                mailKit |= library == StatusLibrary.MailKit;
                systemNetMail |= library == StatusLibrary.SystemNetMail;
            }
        }

        foreach (var catchClause in tryStatement.Catches)
        {
            if (((mailKit && CatchClauses.CatchesSendFailures(catchClause, StatusLibrary.MailKit, model, symbols, cancellationToken))
                    || (systemNetMail && CatchClauses.CatchesSendFailures(catchClause, StatusLibrary.SystemNetMail, model, symbols, cancellationToken)))
                && Recursion.RecursiveCallIn(catchClause.Block, model, cancellationToken) is { } call)
            {
                var delays = Delays(function, retry: call);
                var bounded = IsBoundedRecursion(call, function, model, cancellationToken);
                if (!delays || !bounded)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.UnboundedRetry,
                        call.GetLocation(),
                        "recursive retry of an SMTP send",
                        Problem(delays, bounded)));
                }
            }
        }
    }

    /// <summary>
    /// Whether a recursive retry is bounded: the call passes a parameter changed (<c>attempt + 1</c>, <c>remaining - 1</c>)
    /// and the function compares that parameter.
    /// </summary>
    private static bool IsBoundedRecursion(InvocationExpressionSyntax call, SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        var changed = new HashSet<string>();
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (argument.Expression is IdentifierNameSyntax)
            {
                continue;
            }

            foreach (var node in argument.Expression.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier
                    && model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol)
                {
                    changed.Add(identifier.Identifier.ValueText);
                }
            }
        }

        return changed.Count > 0 && ComparesAny(function, changed);
    }

    private static void AnalyzeLoop(StatementSyntax loop, TransientFile context, SmtpSymbols symbols)
    {
        var (keyword, condition, body) = RetryLoops.RetryLoopParts(loop);
        if (!RetryLoops.RetriesASend(loop, body!, context.SemanticModel, symbols, context.CancellationToken))
        {
            return;
        }

        var delays = Delays(loop);
        var bounded = IsBounded(loop, condition);
        if (delays && bounded)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (!delays)
        {
            properties = properties.Add(NoDelayProperty, null);
        }

        if (!bounded)
        {
            properties = properties.Add(NoBoundProperty, null);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UnboundedRetry,
            keyword.GetLocation(),
            properties,
            "retry loop around an SMTP send",
            Problem(delays, bounded)));
    }

    private static string Problem(bool delays, bool bounded) =>
        !delays && !bounded ? "has no delay between attempts and no bound on their number"
            : !delays ? "has no delay between attempts"
            : "has no bound on the number of attempts";

    /// <summary>Whether <paramref name="scope"/> calls a method that waits; <paramref name="retry"/>, the recursive call, is not one.</summary>
    private static bool Delays(SyntaxNode scope, InvocationExpressionSyntax? retry = null)
    {
        foreach (var node in OwnCode.OwnNodes(scope))
        {
            if (node is InvocationExpressionSyntax invocation
                && invocation != retry
                && OwnCode.NameContains(Sends.InvokedName(invocation), DelayNames))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the attempts are bounded: the condition compares something (<c>attempt &lt;= 4</c>,
    /// <c>DateTime.UtcNow &lt; deadline</c>), or the loop compares a counter that it counts up or down.
    /// </summary>
    private static bool IsBounded(SyntaxNode loop, ExpressionSyntax? condition)
    {
        if (condition is not null && HasRelationalTest(condition))
        {
            return true;
        }

        var counters = new HashSet<string>();
        foreach (var node in OwnCode.OwnNodes(loop))
        {
            var counted = node switch
            {
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } unary => unary.Operand,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } unary => unary.Operand,
                AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression or (int)SyntaxKind.SubtractAssignmentExpression } assignment => assignment.Left,
                _ => null,
            };
            if (NameOf(counted) is { } name)
            {
                counters.Add(name);
            }
        }

        return counters.Count > 0 && ComparesAny(loop, counters);
    }

    /// <summary>Whether <paramref name="scope"/> (not its nested functions) compares one of <paramref name="counters"/>.</summary>
    private static bool ComparesAny(SyntaxNode scope, HashSet<string> counters)
    {
        foreach (var node in OwnCode.OwnNodes(scope))
        {
            switch (node)
            {
                case BinaryExpressionSyntax binary when OwnCode.IsComparison(binary.Kind())
                    && (Mentions(binary.Left, counters) || Mentions(binary.Right, counters)):
                case IsPatternExpressionSyntax pattern when Mentions(pattern.Expression, counters):
                    return true;
            }
        }

        return false;
    }

    private static bool HasRelationalTest(ExpressionSyntax condition)
    {
        foreach (var node in condition.DescendantNodesAndSelf())
        {
            if (node.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
                or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression
                or SyntaxKind.RelationalPattern)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentions(ExpressionSyntax expression, HashSet<string> names)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax identifier && names.Contains(identifier.Identifier.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    private static string? NameOf(ExpressionSyntax? expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
