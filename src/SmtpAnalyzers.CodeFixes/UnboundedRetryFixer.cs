using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SmtpAnalyzers.Failures;
using SmtpAnalyzers.TransientFailures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP104, the one fixer of the rule, so that one pass applies every fix: Polly retries that do not wait get a delay
/// (<see cref="PollyRetryWait"/>); a retry loop around a send gets what it is missing in each catch clause that goes
/// round again. No delay: a jittered exponential wait (<see cref="RetryFunction.Delay"/>, seconds as
/// <see cref="RetrySettings"/> say) before every <c>continue</c> and at the end of the clause (<c>Thread.Sleep</c> in a
/// synchronous function), exponential in the <c>for</c> loop's counter when it has one, the base delay otherwise. No
/// bound: a failure counter declared before the loop and <c>if (++failedAttempts &gt;= 3) { throw; }</c> at the start
/// of the clause, so the last failure reaches the caller. No fix in a function that returns a task without being
/// <c>async</c>, has compile errors, or for a loop without a bound that is not a statement of a block.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedRetryFixer)), Shared]
public sealed class UnboundedRetryFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP104 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.UnboundedRetry + ".WaitAndBoundRetries";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnboundedRetry);

    private protected override string FixAllTitle => "Wait between retry attempts and bound them";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(UnboundedRetryPolicyAnalyzer.FixProperty))
        {
            return PollyRetryWait.Plan(input, diagnostic);
        }

        var noDelay = diagnostic.Properties.ContainsKey(UnboundedRetryLoopAnalyzer.NoDelayProperty);
        var noBound = diagnostic.Properties.ContainsKey(UnboundedRetryLoopAnalyzer.NoBoundProperty);
        var loop = input.NodeOf(diagnostic).FirstAncestorOrSelf<StatementSyntax>(RetryLoops.IsLoop);
        var body = loop is null ? null : RetryLoops.RetryLoopParts(loop).Body;
        if (loop is null || body is null || (!noDelay && !noBound) || (noBound && loop.Parent is not BlockSyntax))
        {
            return null;
        }

        var function = RetryFunction.Of(loop, input);
        if (function is null)
        {
            return null;
        }

        var clauses = RetryLoops.RetryingCatches(loop, body, input.Model, input.Symbols, input.CancellationToken).Select(retry => retry.Catch).ToList();
        if (clauses.Count == 0)
        {
            return null;
        }

        var counter = noBound ? function.UniqueName("failedAttempts", loop.SpanStart, [loop]) : null;
        var exponent = counter is not null ? counter + " - 1" : AttemptExponent(loop);
        var exponentExpression = exponent is null ? null : SyntaxFactory.ParseExpression(exponent);
        var text = loop.SyntaxTree.GetText(input.CancellationToken);
        var clauseFacts = clauses.ToDictionary(
            clause => clause.Block,
            clause => (
                EndReachable: input.Model.AnalyzeControlFlow(clause.Block) is { Succeeded: true, EndPointIsReachable: true },
                OnOneLine: text.Lines.GetLineFromPosition(clause.Block.OpenBraceToken.SpanStart).LineNumber == text.Lines.GetLineFromPosition(clause.Block.CloseBraceToken.SpanStart).LineNumber));
        var title = noDelay && noBound ? "Wait between attempts and give up after " + function.MaxAttempts
            : noDelay ? "Wait between attempts, with exponential backoff"
            : "Give up after " + function.MaxAttempts + " attempts";

        return new PlannedFix(title, edits =>
        {
            SyntaxNode target = noBound ? loop.Parent! : loop;
            if (edits.Touches(target))
            {
                return;
            }

            var fixedLoop = loop.ReplaceNodes(
                clauseFacts.Keys,
                (original, rewritten) => FixClause(rewritten, clauseFacts[original], function, noDelay ? function.Delay(exponentExpression) : null, counter));
            edits.Replacements[target] = counter is null ? fixedLoop : DeclareCounter((BlockSyntax)loop.Parent!, loop, fixedLoop, counter, function);
        });
    }

    /// <summary>
    /// The clause with the bound check first and the delay on every path that goes round again: before each
    /// <c>continue</c> of the loop, and at the end when the clause can fall through. A clause written on one line
    /// is laid out on several, since it now holds more than one statement.
    /// </summary>
    private static BlockSyntax FixClause(BlockSyntax block, (bool EndReachable, bool OnOneLine) facts, RetryFunction function, StatementSyntax? delay, string? counter)
    {
        if (delay is not null)
        {
            delay = Formatted(delay, function);
            var continues = OwnContinues(block).ToList();
            block = block.TrackNodes(continues);
            foreach (var original in continues)
            {
                var current = block.GetCurrentNode(original)!;
                block = current.Parent is BlockSyntax
                    ? block.InsertNodesBefore(current, [delay])
                    : block.ReplaceNode(current, Formatted(SyntaxFactory.Block(delay, current.WithoutTrivia()), function).WithTriviaFrom(current));
            }

            if (facts.EndReachable)
            {
                block = block.AddStatements(delay);
            }
        }

        if (counter is not null)
        {
            var giveUp = SyntaxFactory.IfStatement(
                SyntaxFactory.BinaryExpression(
                    SyntaxKind.GreaterThanOrEqualExpression,
                    SyntaxFactory.PrefixUnaryExpression(SyntaxKind.PreIncrementExpression, SyntaxFactory.IdentifierName(counter)),
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(function.MaxAttempts))),
                SyntaxFactory.Block(SyntaxFactory.ThrowStatement()));
            block = block.WithStatements(block.Statements.Insert(0, Formatted(giveUp, function)));
        }

        if (!facts.OnOneLine)
        {
            return block;
        }

        return block
            .WithOpenBraceToken(block.OpenBraceToken.WithTrailingTrivia(function.EndOfLine))
            .WithStatements(SyntaxFactory.List(block.Statements.Select(statement => Formatted(statement, function))))
            .WithCloseBraceToken(block.CloseBraceToken.WithLeadingTrivia(SyntaxFactory.ElasticMarker))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>A statement laid out by the formatter on a line of its own.</summary>
    private static T Formatted<T>(T statement, RetryFunction function)
        where T : StatementSyntax =>
        statement
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(function.EndOfLine)
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>The <c>continue</c> statements of the clause that go round the retry loop (not those of a nested loop or function).</summary>
    private static IEnumerable<ContinueStatementSyntax> OwnContinues(BlockSyntax block) =>
        block.DescendantNodes(node => !RetryLoops.IsLoop(node) && !OwnCode.IsFunction(node)).OfType<ContinueStatementSyntax>();

    /// <summary><c>var failedAttempts = 0;</c> just before the loop, taking over the comments above it.</summary>
    private static BlockSyntax DeclareCounter(BlockSyntax block, StatementSyntax loop, StatementSyntax fixedLoop, string counter, RetryFunction function)
    {
        var leading = loop.GetLeadingTrivia();
        var indentation = leading.LastOrDefault(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia));
        var endOfLine = block.OpenBraceToken.TrailingTrivia.FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        var declaration = SyntaxFactory.ParseStatement("var " + counter + " = 0;")
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(endOfLine == default ? function.EndOfLine : endOfLine);
        var index = block.Statements.IndexOf(loop);
        var statements = block.Statements
            .RemoveAt(index)
            .InsertRange(index, [declaration, fixedLoop.WithLeadingTrivia(indentation == default ? SyntaxTriviaList.Empty : SyntaxFactory.TriviaList(indentation))]);
        return block.WithStatements(statements);
    }

    /// <summary>
    /// The exponent of the backoff from the counter of a <c>for</c> loop that starts at a literal and counts up by
    /// one: <c>attempt - 1</c> for <c>for (var attempt = 1; …; attempt++)</c>, <c>i</c> from 0; null otherwise.
    /// </summary>
    private static string? AttemptExponent(StatementSyntax loop)
    {
        if (loop is not ForStatementSyntax { Declaration.Variables: { Count: 1 } variables } forLoop
            || variables[0] is not { Initializer.Value: LiteralExpressionSyntax { Token.Value: int start } } variable
            || start < 0
            || !forLoop.Incrementors.Any(incrementor => CountsUp(incrementor, variable.Identifier.ValueText)))
        {
            return null;
        }

        var name = variable.Identifier.Text;
        return start == 0 ? name : name + " - " + start;
    }

    private static bool CountsUp(ExpressionSyntax incrementor, string name) => incrementor switch
    {
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression, Operand: IdentifierNameSyntax operand } => operand.Identifier.ValueText == name,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression, Operand: IdentifierNameSyntax operand } => operand.Identifier.ValueText == name,
        AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: IdentifierNameSyntax left, Right: LiteralExpressionSyntax { Token.Value: 1 } } => left.Identifier.ValueText == name,
        _ => false,
    };
}
