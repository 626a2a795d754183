using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP104: a <c>while</c>, <c>do</c> or <c>for</c> loop that retries a send after catching its failures
/// with no delay between attempts, or with no bound on the number of attempts.
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
        ImmutableArray.Create(Descriptors.UnboundedRetryLoop);

    private protected override void Register(CompilationStartAnalysisContext start, SmtpSymbols symbols) =>
        start.RegisterSyntaxNodeAction(
            node => AnalyzeLoop(node, symbols),
            SyntaxKind.WhileStatement,
            SyntaxKind.DoStatement,
            SyntaxKind.ForStatement);

    private static void AnalyzeLoop(SyntaxNodeAnalysisContext context, SmtpSymbols symbols)
    {
        var (keyword, condition, body) = context.Node switch
        {
            WhileStatementSyntax loop => (loop.WhileKeyword, loop.Condition, loop.Statement),
            DoStatementSyntax loop => (loop.DoKeyword, loop.Condition, loop.Statement),
            ForStatementSyntax loop => (loop.ForKeyword, loop.Condition, loop.Statement),
            _ => default,
        };
        if (body is null || !SendHandling.MayContainSend(body) || !RetryingClauses(context.Node, body, context.SemanticModel, symbols, context.CancellationToken).Any())
        {
            return;
        }

        var delays = Delays(context.Node);
        var bounded = IsBounded(context.Node, condition);
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
            Descriptors.UnboundedRetryLoop,
            keyword.GetLocation(),
            properties,
            !delays && !bounded ? "has no delay between attempts and no bound on their number"
                : !delays ? "has no delay between attempts"
                : "has no bound on the number of attempts"));
    }

    /// <summary>
    /// The catch clauses of this loop's <c>try</c> statements (not those of a nested loop or function) that catch a
    /// send's failures and let the loop go round again. The SMTP104 fix writes its delay and bound into them.
    /// </summary>
    internal static IEnumerable<CatchClauseSyntax> RetryingClauses(SyntaxNode loop, StatementSyntax body, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var node in SendHandling.OwnNodes(body))
        {
            if (node is not TryStatementSyntax tryStatement || SendHandling.EnclosingLoop(tryStatement) != loop)
            {
                continue;
            }

            var retriedLibraries = new HashSet<StatusLibrary>();
            foreach (var (send, library) in SendHandling.SendsIn(tryStatement.Block, model, symbols, cancellationToken))
            {
                if (!UsesSomethingDeclaredIn(loop, send, model, cancellationToken))
                {
                    retriedLibraries.Add(library);
                }
            }

            foreach (var catchClause in tryStatement.Catches)
            {
                if (retriedLibraries.Any(library => SendHandling.CatchesSendFailures(catchClause, library, model, symbols, cancellationToken))
                    && GoesRoundAgain(catchClause, model))
                {
                    yield return catchClause;
                }
            }
        }
    }

    private static bool GoesRoundAgain(CatchClauseSyntax catchClause, SemanticModel model)
    {
        foreach (var node in SendHandling.OwnNodes(catchClause.Block))
        {
            if (node is ContinueStatementSyntax)
            {
                return true;
            }
        }

        return model.AnalyzeControlFlow(catchClause.Block) is { Succeeded: true, EndPointIsReachable: true };
    }

    /// <summary>Whether the send's arguments use a local declared by the loop: then the loop walks over messages.</summary>
    private static bool UsesSomethingDeclaredIn(SyntaxNode loop, InvocationExpressionSyntax send, SemanticModel model, CancellationToken cancellationToken)
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

    private static bool Delays(SyntaxNode loop)
    {
        foreach (var node in SendHandling.OwnNodes(loop))
        {
            if (node is InvocationExpressionSyntax invocation && SendHandling.NameContains(SendHandling.InvokedName(invocation), DelayNames))
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
        foreach (var node in SendHandling.OwnNodes(loop))
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

        if (counters.Count == 0)
        {
            return false;
        }

        foreach (var node in SendHandling.OwnNodes(loop))
        {
            switch (node)
            {
                case BinaryExpressionSyntax binary when SendHandling.IsComparison(binary.Kind())
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
