using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

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

    private protected override void Register(AnalysisContext context) =>
        RegisterFileAction(context, static (file, symbols) =>
        {
            foreach (var loop in Sends.RetryLoopsAroundSends(file.SemanticModel.SyntaxTree))
            {
                AnalyzeLoop(loop, file, symbols);
            }
        });

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
            Descriptors.UnboundedRetryLoop,
            keyword.GetLocation(),
            properties,
            "retry loop around an SMTP send",
            !delays && !bounded ? "has no delay between attempts and no bound on their number"
                : !delays ? "has no delay between attempts"
                : "has no bound on the number of attempts"));
    }

    private static bool Delays(SyntaxNode loop)
    {
        foreach (var node in OwnCode.OwnNodes(loop))
        {
            if (node is InvocationExpressionSyntax invocation && OwnCode.NameContains(Sends.InvokedName(invocation), DelayNames))
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

        if (counters.Count == 0)
        {
            return false;
        }

        foreach (var node in OwnCode.OwnNodes(loop))
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
