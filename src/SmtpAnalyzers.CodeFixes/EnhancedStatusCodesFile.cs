using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// Writes <c>SmtpEnhancedStatusCodes.cs</c>, the constants file the SMTP005 fix adds to a project that has
/// no <c>SmtpEnhancedStatusCodes</c> class yet: one string constant per catalog entry and class digit, with
/// the catalog text as XML docs, named by <see cref="EnhancedStatusCatalog.ConstantName"/>.
/// </summary>
internal static class EnhancedStatusCodesFile
{
    public const string ClassName = "SmtpEnhancedStatusCodes";

    /// <summary>The names the generated class defines: a constant per catalog entry and class digit.</summary>
    public static ImmutableHashSet<string> Members { get; } = Constants().Select(constant => constant.Name).ToImmutableHashSet();

    /// <summary>The whole file, for <paramref name="namespaceName"/> (null: the global namespace).</summary>
    public static string Generate(string? namespaceName)
    {
        var indent = namespaceName is null ? string.Empty : "    ";
        var text = new StringBuilder();
        text.Append("// SMTP enhanced status codes (RFC 3463), written by the SmtpAnalyzers code fix from its catalog.\n");
        text.Append("// This file belongs to your project: edit it freely. It does not depend on SmtpAnalyzers.\n\n");
        if (namespaceName is not null)
        {
            text.Append("namespace ").Append(namespaceName).Append("\n{\n");
        }

        ReplyCodesFile.Line(text, indent, "/// <summary>");
        ReplyCodesFile.Line(text, indent, "/// Named SMTP enhanced status codes (RFC 3463 and the IANA registry), written class.subject.detail. Each name");
        ReplyCodesFile.Line(text, indent, "/// starts with its class: Success (2), Transient (4) or Permanent (5).");
        ReplyCodesFile.Line(text, indent, "/// </summary>");
        ReplyCodesFile.Line(text, indent, "internal static class " + ClassName);
        ReplyCodesFile.Line(text, indent, "{");
        var member = indent + "    ";
        foreach (var (name, value, entry, meaning) in Constants())
        {
            ReplyCodesFile.Line(text, member, "/// <summary>" + value + " " + ReplyCodesFile.Xml(entry.Title) + ": " + ReplyCodesFile.Xml(entry.Description) + "</summary>");
            ReplyCodesFile.Line(text, member, "/// <remarks>The class digit " + value[0] + " means " + meaning + ". Defined in " + ReplyCodesFile.Xml(entry.Rfc) + ".</remarks>");
            ReplyCodesFile.Line(text, member, "public const string " + name + " = \"" + value + "\";");
            text.Append('\n');
        }

        text.Length--;
        ReplyCodesFile.Line(text, indent, "}");
        if (namespaceName is not null)
        {
            text.Append("}\n");
        }

        return text.ToString();
    }

    private static IEnumerable<(string Name, string Value, EnhancedStatusCode Entry, string Meaning)> Constants() =>
        from statusClass in EnhancedStatusCatalog.Classes
        from entry in EnhancedStatusCatalog.All
        select (EnhancedStatusCatalog.ConstantName(statusClass.Digit, entry), statusClass.Digit + "." + entry.Subject + "." + entry.Detail, entry, statusClass.Meaning);
}
