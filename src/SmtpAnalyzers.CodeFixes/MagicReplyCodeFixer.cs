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
/// SMTP001: replaces a magic reply code with the library enum member (dropping a cast that is no longer
/// needed) or with <c>SmtpReplyCodes.X</c>, the package's generated constant (a file added once per project when
/// generation is off). With <c>smtp_analyzers.reply_code_constants = catalog</c> it writes <c>SmtpReplyCodes.X</c>
/// where an enum member exists too, keeping the casts: <c>(int)ex.StatusCode == SmtpReplyCodes.ServiceNotAvailable</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MagicReplyCodeFixer)), Shared]
public sealed class MagicReplyCodeFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP001 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.MagicReplyCode + ".UseNamedConstant";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.MagicReplyCode);

    private protected override string FixAllTitle => "Use named constants for SMTP reply codes";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (FindUse(input, diagnostic) is not { Code: { } code } use)
        {
            return null;
        }

        var enumMember = input.PrefersCatalogConstants ? null : use.EnumMember;
        if (enumMember is null && !input.ReplyCodes.Has(code.Name))
        {
            return null;
        }

        var title = enumMember is null ? ReplyCodesFile.ClassName + "." + code.Name : use.Replacement(ReplyCodesFile.ClassName);
        return new PlannedFix("Use " + title, replacements => Fix(input, use, enumMember, replacements));
    }

    private static void Fix(FixInput input, ReplyCodeUse use, string? enumMember, Dictionary<SyntaxNode, SyntaxNode> replacements)
    {
        if (enumMember is not null && use.EnumCast is not null)
        {
            // (SmtpStatusCode)452 -> SmtpStatusCode.InsufficientStorage
            replacements[use.EnumCast] = EnumMember(use.StatusEnum!, enumMember).WithTriviaFrom(use.EnumCast);
        }
        else if (enumMember is not null && use.IntCast is not null)
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
            // Also (SmtpStatusCode)452 -> (SmtpStatusCode)SmtpReplyCodes.InsufficientStorage with the catalog option.
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
