using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// SMTP002: a string literal starting with a reply code (<c>"421"</c>) compared with the text of an SMTP
/// reply, where the status code the library parsed (or the leading three digits) should be compared. Text that
/// never holds the code (MailKit's exception message, response text and send result) is SMTP006's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReplyCodeTextAnalyzer : SmtpFileAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ReplyCodeText);

    /// <summary>What the message advises: the status comparison the fix writes, or the reply-line helper.</summary>
    private static string Advice(ReplyTextUse use, ReplyCode code, SmtpSymbols symbols)
    {
        if (use.StatusEnum is not null)
        {
            var member = ReplyCodeContext.MemberOf(symbols.StatusLibraryOf(use.StatusEnum), code.Value);
            return member is null
                ? "compare (int)StatusCode with " + MagicReplyCodeAnalyzer.ReplyCodesClass + "." + code.Name
                : "compare StatusCode with " + use.StatusEnum.Name + "." + member;
        }

        return "test the reply line with " + MagicReplyCodeAnalyzer.ReplyCodesClass + ".Is(reply, "
            + MagicReplyCodeAnalyzer.ReplyCodesClass + "." + code.Name + ")";
    }

    private protected override void AnalyzeToken(SyntaxToken token, in SmtpFile file)
    {
        if (ReplyTextContext.IsReplyCodeCandidate(token, out var code)
            && token.Parent is LiteralExpressionSyntax literal
            && ReplyTextContext.Find(file.Model, literal, file.Symbols, file.Names, file.CancellationToken) is { WithoutCode: false } use)
        {
            file.Report(Diagnostic.Create(
                Descriptors.ReplyCodeText,
                literal.GetLocation(),
                token.ValueText,
                code!.Title,
                code.Class.Label(),
                Advice(use, code, file.Symbols)));
        }
    }
}
