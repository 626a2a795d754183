using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using SmtpAnalyzers.Catalog;

using static SmtpAnalyzers.Generators.HelperFile;

namespace SmtpAnalyzers.Generators;

/// <summary>
/// Writes <c>SmtpEnhancedStatusCodes</c>, the constants the generator adds to a project (or the SMTP005 fix adds
/// as a file when generation is off): one string constant per catalog entry and class digit, with
/// the catalog text as XML docs, named by <see cref="EnhancedStatusCatalog.ConstantName"/>.
/// </summary>
internal static class EnhancedStatusCodesFile
{
    public const string ClassName = ReplyCodes.EnhancedStatusCodeAnalyzer.ConstantsClass;

    /// <summary>The names the generated class defines: a constant per catalog entry and class digit.</summary>
    public static ImmutableHashSet<string> Members { get; } = Constants().Select(constant => constant.Name).ToImmutableHashSet();

    /// <summary>The whole text, as <paramref name="options"/> asks for it.</summary>
    public static string Generate(HelperText options) => Write(
        options,
        "SMTP enhanced status codes (RFC 3463)",
        [
            "/// <summary>",
            "/// Named SMTP enhanced status codes (RFC 3463 and the IANA registry), written class.subject.detail. Each name",
            "/// starts with its class: Success (2), Transient (4) or Permanent (5).",
            "/// </summary>",
        ],
        ClassName,
        WriteMembers);

    private static void WriteMembers(StringBuilder text, string member)
    {
        foreach (var (name, value, entry, meaning) in Constants())
        {
            Line(text, member, "/// <summary>" + value + " " + Xml(entry.Title) + ": " + Xml(entry.Description) + "</summary>");
            Line(text, member, "/// <remarks>The class digit " + value[0] + " means " + meaning + ". Defined in " + Xml(entry.Rfc) + ".</remarks>");
            Line(text, member, "public const string " + name + " = \"" + value + "\";");
            text.Append('\n');
        }

        text.Length--;
    }

    private static IEnumerable<(string Name, string Value, EnhancedStatusCode Entry, string Meaning)> Constants() =>
        from statusClass in EnhancedStatusCatalog.Classes
        from entry in EnhancedStatusCatalog.All
        select (EnhancedStatusCatalog.ConstantName(statusClass.Digit, entry), statusClass.Digit + "." + entry.Subject + "." + entry.Detail, entry, statusClass.Meaning);
}
