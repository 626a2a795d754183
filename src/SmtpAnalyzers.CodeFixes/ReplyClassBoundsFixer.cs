using System.Collections.Generic;
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
/// SMTP004: replaces a reply class test written with bounds by <c>SmtpReplyCodes.IsTransient(x)</c> (and
/// <c>IsPermanent</c>, <c>IsPositive</c>, <c>IsIntermediate</c>) or, for a bound on one side,
/// <c>SmtpReplyCodes.ClassOf(x) &gt;= 4</c>. No fix for bounds that cover part of a class, for switch
/// patterns, or for values that are not <c>int</c> (the helpers take an <c>int</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplyClassBoundsFixer)), Shared]
public sealed class ReplyClassBoundsFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP004 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.ReplyClassBounds + ".UseClassHelper";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ReplyClassBounds);

    private protected override string FixAllTitle => "Use SmtpReplyCodes class helpers";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        var test = FindTest(input, diagnostic);
        if (test is null || test.InSwitch || test.BoundsProblem() is not null || !IsInt(input.Model, test.Subject))
        {
            return null;
        }

        foreach (var member in Members(test))
        {
            if (!input.ReplyCodes.Has(member))
            {
                return null;
            }
        }

        return new PlannedFix("Use " + test.Replacement(ReplyCodesFile.ClassName), replacements => Fix(input, test, replacements));
    }

    private static void Fix(FixInput input, ReplyClassTest test, Dictionary<SyntaxNode, SyntaxNode> replacements)
    {
        var subject = test.Subject.WithoutTrivia();
        ExpressionSyntax replacement;
        if (test.UsesClassOf)
        {
            // code >= 400 -> SmtpReplyCodes.ClassOf(code) >= 4: the same test for every int.
            replacement = SyntaxFactory.BinaryExpression(
                test.Lower is null ? SyntaxKind.LessThanExpression : SyntaxKind.GreaterThanOrEqualExpression,
                Call(input, "ClassOf", subject),
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal((test.Lower ?? test.Upper!.Value) / 100)));
        }
        else
        {
            test.IsWholeClasses(out var first, out var pastLast);
            replacement = Call(input, ReplyClassTest.HelperFor(first), subject);
            for (var replyClass = first + 1; replyClass < pastLast; replyClass++)
            {
                replacement = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, replacement, Call(input, ReplyClassTest.HelperFor(replyClass), subject));
            }

            if (test.Negated)
            {
                replacement = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, replacement);
            }
        }

        // Parenthesized for safety inside a larger expression; the simplifier drops what is not needed.
        replacement = SyntaxFactory.ParenthesizedExpression(replacement.NormalizeWhitespace())
            .WithAdditionalAnnotations(Simplifier.Annotation);
        if (test.KeptLeft is { } kept)
        {
            // ok && code >= 400 && code < 500 -> ok && SmtpReplyCodes.IsTransient(code)
            var and = (BinaryExpressionSyntax)((BinaryExpressionSyntax)test.Test).Left;
            replacement = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalAndExpression, kept, and.OperatorToken, replacement);
        }

        replacements[test.Test] = replacement.WithTriviaFrom(test.Test);
    }

    private static IEnumerable<string> Members(ReplyClassTest test)
    {
        if (test.UsesClassOf)
        {
            yield return "ClassOf";
            yield break;
        }

        test.IsWholeClasses(out var first, out var pastLast);
        for (var replyClass = first; replyClass < pastLast; replyClass++)
        {
            yield return ReplyClassTest.HelperFor(replyClass);
        }
    }

    private static InvocationExpressionSyntax Call(FixInput input, string helper, ExpressionSyntax subject) =>
        SyntaxFactory.InvocationExpression(
            (ExpressionSyntax)input.ReplyCodes.Reference(helper),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(subject))));

    /// <summary>The helpers take an <c>int</c>: a <c>long</c> or nullable value gets no fix rather than one that does not compile.</summary>
    private static bool IsInt(SemanticModel model, ExpressionSyntax subject) =>
        model.GetTypeInfo(subject).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Byte or SpecialType.System_SByte;

    /// <summary>The test the diagnostic was reported on: the one whose first line it covers.</summary>
    private static ReplyClassTest? FindTest(FixInput input, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        for (var node = input.Root.FindNode(span, getInnermostNodeForTie: true); node is not null; node = node.Parent)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (ReplyClassTest.FromBound(token) is { } test && test.FirstBound == token && test.ReportSpan() == span)
                {
                    return test;
                }
            }

            if (node is StatementSyntax or MemberDeclarationSyntax)
            {
                return null;
            }
        }

        return null;
    }
}
