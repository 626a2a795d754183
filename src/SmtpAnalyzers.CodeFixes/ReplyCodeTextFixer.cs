using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.Generators;
using SmtpAnalyzers.ReplyCodes;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP002: replaces a text test of a reply code with a code test. On <c>ex.Message</c> of an exception (or
/// <c>response.Response</c> of a reply) that carries the status, <c>ex.StatusCode == SmtpStatusCode.X</c> (with
/// <c>smtp_analyzers.reply_code_constants = catalog</c>, <c>(int)ex.StatusCode == SmtpReplyCodes.X</c>);
/// on other reply text, <c>SmtpReplyCodes.Is(reply, SmtpReplyCodes.X)</c>, the package's generated helper
/// (a file added once per project when generation is off).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplyCodeTextFixer)), Shared]
public sealed class ReplyCodeTextFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP002 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.ReplyCodeText + ".CompareTheCode";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ReplyCodeText);

    private protected override string FixAllTitle => "Compare SMTP reply codes, not reply text";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (Find(input, diagnostic, withoutCode: false) is not var (use, code))
        {
            return null;
        }

        if (use.StatusEnum is not null)
        {
            return PlanStatusTest(input, use, code);
        }

        if (!input.ReplyCodes.Has(code.Name) || !input.ReplyCodes.Has(ReplyCodesFile.ReplyLineTest))
        {
            return null;
        }

        return new PlannedFix(
            "Use " + ReplyCodesFile.ClassName + "." + ReplyCodesFile.ReplyLineTest + "(…, " + ReplyCodesFile.ClassName + "." + code.Name + ")",
            replacements =>
            {
                // smtpReply.StartsWith("421") -> SmtpReplyCodes.Is(smtpReply, SmtpReplyCodes.ServiceNotAvailable)
                var test = (use.Negated ? "!" : string.Empty)
                    + input.ReplyCodes.QualifiedName(ReplyCodesFile.ReplyLineTest)
                    + "(" + use.Text.WithoutTrivia().ToFullString() + ", " + input.ReplyCodes.QualifiedName(code.Name) + ")";
                Replace(use.Comparison!, test, replacements);
            });
    }

    /// <summary>The library enum's member for <paramref name="code"/>, unless the catalog option asks for <c>SmtpReplyCodes</c> constants.</summary>
    private static string? EnumMember(FixInput input, INamedTypeSymbol statusEnum, ReplyCode code) =>
        input.PrefersCatalogConstants ? null : ReplyCodeContext.MemberOf(input.Symbols.StatusLibraryOf(statusEnum), code.Value);

    /// <summary>
    /// The fix that tests the status of the exception or response whose text <paramref name="use"/> searches
    /// (SMTP002 on System.Net.Mail's message, SMTP006 on MailKit's texts): <c>ex.StatusCode == SmtpStatusCode.X</c>,
    /// or <c>(int)ex.StatusCode == SmtpReplyCodes.X</c> when the enum lacks the code. A negated test keeps its
    /// negation: <c>!ex.Message.StartsWith("421")</c> becomes <c>ex.StatusCode != …</c>.
    /// </summary>
    internal static PlannedFix? PlanStatusTest(FixInput input, ReplyTextUse use, ReplyCode code)
    {
        var member = EnumMember(input, use.StatusEnum!, code);
        string title;
        if (member is not null)
        {
            title = "Compare StatusCode with " + use.StatusEnum!.Name + "." + member;
        }
        else if (input.ReplyCodes.Has(code.Name))
        {
            title = "Compare StatusCode with " + ReplyCodesFile.ClassName + "." + code.Name;
        }
        else
        {
            return null;
        }

        return new PlannedFix(title, replacements =>
        {
            // ex.Message.StartsWith("421") -> ex.StatusCode == SmtpStatusCode.ServiceNotAvailable
            var replaced = use.Comparison!;
            var negated = use.Negated;
            SyntaxNode outer = replaced;
            while (outer.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                outer = parenthesized;
            }

            if (outer.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
            {
                replaced = not;
                negated = !negated;
            }

            var owner = use.StatusOwner!.WithoutTrivia().ToFullString();
            var operatorText = negated ? " != " : " == ";
            var test = member is not null
                ? owner + ".StatusCode" + operatorText + use.StatusEnum!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member
                : "(int)" + owner + ".StatusCode" + operatorText + input.ReplyCodes.QualifiedName(code.Name);
            Replace(replaced, test, replacements);
        });
    }

    // Parenthesized so that the test keeps its meaning in any context (!, ?:, member access); cleanup removes the
    // parentheses where they are not needed.
    private static void Replace(ExpressionSyntax replaced, string test, Dictionary<SyntaxNode, SyntaxNode> replacements) =>
        replacements[replaced] = SyntaxFactory.ParseExpression("(" + test + ")")
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)
            .WithTriviaFrom(replaced);

    /// <summary>
    /// The diagnostic's use and code when a fix can rewrite it: a boolean test whose literal is exactly the
    /// code, or the code and a space (<c>"250-"</c> and <c>"550 5.1.1"</c> say more than a code test can), on text
    /// that holds the code (SMTP002) or never does (<paramref name="withoutCode"/>, SMTP006).
    /// </summary>
    internal static (ReplyTextUse Use, ReplyCode Code)? Find(FixInput input, Diagnostic diagnostic, bool withoutCode)
    {
        if (input.NodeOf(diagnostic) is not LiteralExpressionSyntax literal
            || !ReplyTextContext.IsReplyCodeCandidate(literal.Token, out var code)
            || literal.Token.ValueText.Length > 4
            || (literal.Token.ValueText.Length == 4 && literal.Token.ValueText[3] != ' ')
            || ReplyTextContext.Find(input.Model, literal, input.Symbols, input.Names, input.CancellationToken) is not { Comparison: not null } use
            || use.WithoutCode != withoutCode)
        {
            return null;
        }

        return (use, code!);
    }
}
