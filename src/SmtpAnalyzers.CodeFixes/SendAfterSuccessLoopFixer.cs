using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP107: puts <c>break;</c> right after the send's statement inside the <c>try</c>, so that only the catch clauses
/// go round again. Offered only where nothing would be skipped that the loop did after the send: the send's
/// statement ends the <c>try</c> block, the <c>try</c> ends the loop's body, and the loop's condition and
/// incrementors call nothing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SendAfterSuccessLoopFixer)), Shared]
public sealed class SendAfterSuccessLoopFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP107 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.SendAfterSuccessLoop + ".LeaveTheLoopAfterTheSend";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SendAfterSuccessLoop);

    private protected override string FixAllTitle => "Leave the retry loop after the send succeeds";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0
            || input.NodeOf(diagnostic).FirstAncestorOrSelf<StatementSyntax>() is not { } loop
            || RetryLoops.RetryLoopParts(loop) is not { Body: { } body }
            || input.Root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<StatementSyntax>() is not { } sendStatement
            || sendStatement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax)
            || sendStatement.Parent is not BlockSyntax { Parent: TryStatementSyntax tryStatement } tryBlock
            || tryStatement.Block != tryBlock
            || tryBlock.Statements.Last() != sendStatement
            || !(body == tryStatement || (body is BlockSyntax bodyBlock && bodyBlock.Statements.Last() == tryStatement))
            || CallsSomething(loop))
        {
            return null;
        }

        return new PlannedFix("Leave the loop after the send succeeds", replacements =>
        {
            var indentation = sendStatement.GetLeadingTrivia().LastOrDefault();
            var exit = SyntaxFactory.BreakStatement()
                .WithLeadingTrivia(indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(indentation) : SyntaxFactory.TriviaList())
                .WithTrailingTrivia(sendStatement.GetTrailingTrivia().LastOrDefault() is var end && end.IsKind(SyntaxKind.EndOfLineTrivia) ? end : SyntaxFactory.ElasticCarriageReturnLineFeed);
            replacements[tryBlock] = tryBlock.WithStatements(tryBlock.Statements.Add(exit));
        });
    }

    /// <summary>Whether going round runs a call: the condition or the incrementors of a <c>for</c> invoke something.</summary>
    private static bool CallsSomething(StatementSyntax loop)
    {
        var (_, condition, _) = RetryLoops.RetryLoopParts(loop);
        var parts = loop is ForStatementSyntax forLoop ? forLoop.Incrementors.Cast<SyntaxNode>() : Enumerable.Empty<SyntaxNode>();
        return parts.Append(condition).Any(part => part is not null && part.DescendantNodesAndSelf().Any(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax));
    }
}
