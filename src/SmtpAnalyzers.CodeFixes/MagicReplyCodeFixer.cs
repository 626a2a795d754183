using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.ReplyCodes;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP001: replaces a magic reply code with the library enum member (dropping a cast that is no longer
/// needed) or with <c>SmtpReplyCodes.X</c>, adding the generated <c>SmtpReplyCodes.cs</c> once per project.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MagicReplyCodeFixer)), Shared]
public sealed class MagicReplyCodeFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP001 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.UseNamedReplyCode + ".UseNamedConstant";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UseNamedReplyCode);

    private protected override string FixAllTitle => "Use named constants for SMTP reply codes";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (FindUse(input, diagnostic) is not { Code: { } code } use || (use.EnumMember is null && !input.ReplyCodes.Has(code.Name)))
        {
            return null;
        }

        return new PlannedFix("Use " + use.Replacement(ReplyCodesFile.ClassName), replacements => Fix(input, use, replacements));
    }

    private static void Fix(FixInput input, ReplyCodeUse use, Dictionary<SyntaxNode, SyntaxNode> replacements)
    {
        if (use.EnumMember is not null && use.EnumCast is not null)
        {
            // (SmtpStatusCode)452 -> SmtpStatusCode.InsufficientStorage
            replacements[use.EnumCast] = EnumMember(use.StatusEnum!, use.EnumMember).WithTriviaFrom(use.EnumCast);
        }
        else if (use.EnumMember is not null && use.IntCast is not null)
        {
            // (int)ex.StatusCode == 421 -> ex.StatusCode == SmtpStatusCode.ServiceNotAvailable, together with
            // every other label compared with the same status.
            if (use.IntCast.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                // ((int)ex.StatusCode).Should().Be(250) -> ex.StatusCode.Should().Be(SmtpStatusCode.Ok): the
                // parentheses go too where the simplifier finds them unneeded.
                replacements[parenthesized] = parenthesized.WithExpression(use.IntCast.Expression.WithTriviaFrom(use.IntCast))
                    .WithAdditionalAnnotations(Simplifier.Annotation);
            }
            else
            {
                replacements[use.IntCast] = use.IntCast.Expression.WithTriviaFrom(use.IntCast);
            }

            foreach (var label in use.ComparedTogether())
            {
                var member = ReplyCodeContext.MemberOf(use.Library, (int)label.Token.Value!)!;
                replacements[label] = EnumMember(use.StatusEnum!, member).WithTriviaFrom(label);
            }
        }
        else
        {
            replacements[use.Literal] = input.ReplyCodes.Reference(use.Code!.Name).WithTriviaFrom(use.Literal);
        }
    }

    private static ReplyCodeUse? FindUse(FixInput input, Diagnostic diagnostic) =>
        input.NodeOf(diagnostic) is LiteralExpressionSyntax literal && ReplyCodeContext.IsCandidate(literal.Token, out var value)
            ? ReplyCodeContext.Find(input.Model, literal, value, input.Symbols, input.Names, input.CancellationToken)
            : null;

    // Parsed rather than built, so that the tree has the shape the parser gives the same text.
    private static SyntaxNode EnumMember(INamedTypeSymbol statusEnum, string member) =>
        SyntaxFactory.ParseExpression(statusEnum.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member)
            .WithAdditionalAnnotations(Simplifier.Annotation);
}
