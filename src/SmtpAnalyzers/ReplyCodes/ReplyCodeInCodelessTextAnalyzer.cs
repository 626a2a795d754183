using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// SMTP006: a reply code looked for in text MailKit has already taken the code off (<c>ex.Message.Contains("421")</c>
/// on an <c>SmtpCommandException</c>, <c>SmtpResponse.Response</c>, the result of <c>Send</c>/<c>SendAsync</c>, also
/// through a local initialised from one): the test never finds it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReplyCodeInCodelessTextAnalyzer : SmtpFileAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ReplyCodeInCodelessText);

    private protected override void AnalyzeToken(SyntaxToken token, in SmtpFile file)
    {
        if (ReplyTextContext.IsReplyCodeCandidate(token, out var code)
            && token.Parent is LiteralExpressionSyntax literal
            && ReplyTextContext.Find(file.Model, literal, file.Symbols, file.Names, file.CancellationToken) is { WithoutCode: true } use)
        {
            file.Report(Diagnostic.Create(
                Descriptors.ReplyCodeInCodelessText,
                literal.GetLocation(),
                token.ValueText,
                use.Origin.Description,
                Advice(use, code!, file.Symbols)));
        }
    }

    /// <summary>What the message advises: the status comparison the fix writes, or dropping a send's test.</summary>
    private static string Advice(ReplyTextUse use, ReplyCode code, SmtpSymbols symbols)
    {
        if (use.Origin.IsSendResult)
        {
            return "a send returns only after the server accepted the message with 250, so remove the test";
        }

        if (use.StatusEnum is not null
            && ReplyCodeContext.MemberOf(symbols.StatusLibraryOf(use.StatusEnum), code.Value) is { } member)
        {
            return "compare StatusCode with " + use.StatusEnum.Name + "." + member;
        }

        return "compare the StatusCode of the exception or response with " + code.Value + " '" + code.Title + "'";
    }
}
