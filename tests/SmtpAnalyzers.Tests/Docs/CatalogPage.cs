using System.Text;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.Tests.Docs;

/// <summary>Writes docs/catalog.md from the catalog: the page is never edited by hand.</summary>
internal static class CatalogPage
{
    public const string RelativePath = "docs/catalog.md";

    public static string Generate()
    {
        var page = new StringBuilder();
        page.Append("# SMTP reply catalog\n\n");
        page.Append("<!-- Generated from src/SmtpAnalyzers/Catalog by the tests: run `SMTP_ANALYZERS_WRITE_DOCS=1 dotnet test` after changing the catalog. -->\n\n");
        page.Append("Every SMTP reply code SmtpAnalyzers knows, with the constant its code fix writes. The same texts appear\n");
        page.Append("in diagnostic messages and on hover over each constant of `SmtpReplyCodes` and `SmtpEnhancedStatusCodes`,\n");
        page.Append("the helper classes the package generates into every project that references it (see the README).\n\n");
        page.Append("The first digit gives the class: 2 positive completion, 3 positive intermediate (send more),\n");
        page.Append("4 transient negative (try again later), 5 permanent negative (do not resend unchanged).\n\n");

        page.Append("## Reply codes\n\n");
        page.Append("| Code | Title | Class | `SmtpReplyCodes` | MailKit `SmtpStatusCode` | System.Net.Mail `SmtpStatusCode` | Defined in |\n");
        page.Append("|---|---|---|---|---|---|---|\n");
        foreach (var code in ReplyCatalog.All)
        {
            page.Append($"| [{code.Value}](#{code.Value}) | {code.Title} | {code.Class.Label()} | `{code.Name}` | {Member(code.MailKitMember)} | {Member(code.SystemNetMailMember)} | {code.Rfc} |\n");
        }

        foreach (var code in ReplyCatalog.All)
        {
            var lookAlike = ReplyCatalog.Find(code.ConfusedWith)!;
            page.Append($"\n### {code.Value}\n\n");
            page.Append($"**{code.Value} {code.Title}**: {code.Class.Label()}, {code.Rfc}.\n\n");
            page.Append($"{code.Description}\n\n");
            page.Append($"- **When you see it:** {code.WhenYouSeeIt}\n");
            page.Append($"- **How to fix it:** {code.HowToFix}\n");
            page.Append($"- **Retry:** {code.RetryAdvice}\n");
            page.Append($"- **Not to be confused with [{lookAlike.Value}](#{lookAlike.Value}) {lookAlike.Title}:** {code.Difference}\n");
        }

        page.Append("\n## Enhanced status codes\n\n");
        page.Append("RFC 3463 codes and the additions of the IANA registry, written as `X.subject.detail`: the class digit X\n");
        page.Append("is 2, 4 or 5 and means what it means for reply codes (`5.1.1` is permanent, `4.2.2` transient).\n\n");
        page.Append("| Code | Name | Title | Meaning | Defined in |\n");
        page.Append("|---|---|---|---|---|\n");
        foreach (var code in EnhancedStatusCatalog.All)
        {
            page.Append($"| {code.Notation} | `{code.Name}` | {code.Title} | {code.Description} | {code.Rfc} |\n");
        }

        return page.ToString();
    }

    private static string Member(string? member) => member is null ? "none" : "`" + member + "`";
}
