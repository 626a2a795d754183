using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.Generators;
using SmtpAnalyzers.ReplyCodes;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP105: replaces the test of one transient code with the test of the transient class,
/// <c>ex.StatusCode == SmtpStatusCode.ServiceNotAvailable</c> → <c>SmtpReplyCodes.IsTransient((int)ex.StatusCode)</c>
/// (<c>!=</c> and <c>is not</c> → <c>!SmtpReplyCodes.IsTransient(…)</c>). No fix for a property subpattern
/// (<c>{ StatusCode: … }</c>), which has no expression to put the call in.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SingleTransientCodeFixer)), Shared]
public sealed class SingleTransientCodeFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP105 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.SingleTransientCode + ".TestTheTransientClass";

    private const string Helper = "IsTransient";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SingleTransientCode);

    private protected override string FixAllTitle => "Test the transient reply class";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        var node = input.NodeOf(diagnostic);
        if (node is not ExpressionSyntax
            || StatusEquality.From(node, input.Model, input.Symbols, input.CancellationToken) is not { Subject: { } subject } test
            || !input.ReplyCodes.Has(Helper))
        {
            return null;
        }

        var number = test.SubjectIsEnum ? "(int)" + Parenthesized(subject) : subject.WithoutTrivia().ToString();
        var title = "Use " + (test.Negated ? "!" : string.Empty) + ReplyCodesFile.ClassName + "." + Helper + "(" + number + ")";
        return new PlannedFix(title, replacements =>
        {
            ExpressionSyntax call = SyntaxFactory.InvocationExpression(
                (ExpressionSyntax)input.ReplyCodes.Reference(Helper),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(number)))));
            if (test.Negated)
            {
                call = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, call);
            }

            // Parenthesized for safety inside a larger expression; the simplifier drops what is not needed.
            replacements[node] = SyntaxFactory.ParenthesizedExpression(call)
                .WithAdditionalAnnotations(Simplifier.Annotation)
                .WithTriviaFrom(node);
        });
    }

    private static string Parenthesized(ExpressionSyntax subject)
    {
        var text = subject.WithoutTrivia().ToString();
        return subject is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax
            ? text
            : "(" + text + ")";
    }
}
