using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// SMTP001 and SMTP003: a numeric literal compared with, cast to or assigned to an SMTP status.
/// SMTP001 when the value is a reply code of the catalog, SMTP003 when it is not.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MagicReplyCodeAnalyzer : SmtpFileAnalyzer
{
    /// <summary>The class the SMTP001 fix writes when no library enum member fits.</summary>
    public const string ReplyCodesClass = "SmtpReplyCodes";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.MagicReplyCode, Descriptors.NotAReplyCode);

    private protected override void AnalyzeToken(SyntaxToken token, in SmtpFile file)
    {
        if (ReplyCodeContext.IsCandidate(token, out var value)
            && token.Parent is LiteralExpressionSyntax literal
            && ReplyCodeContext.Find(file.Model, literal, value, file.Symbols, file.Names, file.CancellationToken) is { } use)
        {
            file.Report(Describe(use));
        }
    }

    private static Diagnostic Describe(ReplyCodeUse use)
    {
        var location = use.Literal.GetLocation();
        return use.Code is { } code
            ? Diagnostic.Create(Descriptors.MagicReplyCode, location, MessageArguments(use, code))
            : Diagnostic.Create(Descriptors.NotAReplyCode, location, use.Value, NotACodeText(use.Value));
    }

    // SMTP001's message depends only on the code and on which library's enum member the fix writes (none for
    // SmtpReplyCodes.X): its arguments are made once for each pair and shared by the diagnostics, which keep
    // them as they are. A code base that compares codes reports many of them.
    private static readonly object[]?[] Arguments = new object[]?[ReplyCatalog.ValueLimit * 3];

    private static object[] MessageArguments(ReplyCodeUse use, ReplyCode code) =>
        Arguments[(code.Value * 3) + (use.EnumMember is null ? 0 : (int)use.Library)] ??=
            [code.Value, code.Title, code.Class.Label(), use.Replacement(ReplyCodesClass)];

    // SMTP003's message after "405 is not an SMTP reply code": what the value is when it is an HTTP status (a
    // value from the wrong protocol, not a typo), and the reply codes a typo would have meant (ReplyCatalog.LookAlikes).
    private static string NotACodeText(int value)
    {
        var lookAlikes = ReplyCatalog.LookAlikes(value);
        var text = HttpStatusNames.Find(value) is { } httpName ? " but the HTTP status '" + httpName + "'" : string.Empty;
        if (lookAlikes.Length == 0)
        {
            return text;
        }

        text += text.Length == 0 ? " (did you mean " : " (if it is a typo, did you mean ";
        for (var i = 0; i < lookAlikes.Length; i++)
        {
            text += (i == 0 ? string.Empty : i == lookAlikes.Length - 1 ? " or " : ", ")
                + lookAlikes[i].Value + " '" + lookAlikes[i].Title + "'";
        }

        return text + "?)";
    }
}
