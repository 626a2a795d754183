using System.Collections.Immutable;
using System.Linq;
using System.Text;
using SmtpAnalyzers.Catalog;

using static SmtpAnalyzers.Generators.HelperFile;

namespace SmtpAnalyzers.Generators;

/// <summary>
/// Writes <c>SmtpReplyCodes</c>, the reply code constants the generator adds to a project (or a fix adds as
/// a file when generation is off). Every constant carries the catalog text as XML docs, so hovering over it
/// in the IDE shows what the reply means and what to do about it. The text depends on nothing from this package.
/// </summary>
internal static class ReplyCodesFile
{
    public const string ClassName = ReplyCodes.MagicReplyCodeAnalyzer.ReplyCodesClass;

    /// <summary>The helper that tests the code of a reply line: <c>SmtpReplyCodes.Is(reply, code)</c> (SMTP002).</summary>
    public const string ReplyLineTest = "Is";

    /// <summary>The names the generated class defines: a constant per catalog code and the class tests.</summary>
    public static ImmutableHashSet<string> Members { get; } = ReplyCatalog.All
        .Select(code => code.Name)
        .Concat(new[] { "IsPositive", "IsIntermediate", "IsTransient", "IsPermanent", "ClassOf", ReplyLineTest })
        .ToImmutableHashSet();

    /// <summary>The whole text, as <paramref name="options"/> asks for it.</summary>
    public static string Generate(HelperText options) => Write(
        options,
        "SMTP reply codes",
        ["/// <summary>Named SMTP reply codes (RFC 5321 and its extensions) and tests of a reply's class.</summary>"],
        ClassName,
        WriteMembers);

    private static void WriteMembers(StringBuilder text, string member)
    {
        foreach (var code in ReplyCatalog.All)
        {
            Line(text, member, "/// <summary>" + code.Value + " " + Xml(code.Title) + " (" + code.Class.Label() + "): " + Xml(code.Description) + "</summary>");
            Line(text, member, "/// <remarks>");
            Line(text, member, "/// <para>When you see it: " + Xml(code.WhenYouSeeIt) + "</para>");
            Line(text, member, "/// <para>How to fix it: " + Xml(code.HowToFix) + "</para>");
            Line(text, member, "/// <para>Retry: " + Xml(code.RetryAdvice) + "</para>");
            Line(text, member, "/// <para>Defined in " + Xml(code.Rfc) + ".</para>");
            Line(text, member, "/// </remarks>");
            Line(text, member, "public const int " + code.Name + " = " + code.Value + ";");
            text.Append('\n');
        }

        ClassTest(text, member, "IsPositive", 2, "True for 2xx replies: the command completed.");
        ClassTest(text, member, "IsIntermediate", 3, "True for 3xx replies: the server accepted the command and waits for more input.");
        ClassTest(text, member, "IsTransient", 4, "True for 4xx replies: the command failed for now and the same request may succeed later, so retry with backoff.");
        ClassTest(text, member, "IsPermanent", 5, "True for 5xx replies: the command failed and sending it again unchanged fails again.");
        Line(text, member, "/// <summary>The class of a reply: its first digit (2, 3, 4 or 5 for a valid reply).</summary>");
        Line(text, member, "public static int ClassOf(int reply) => reply / 100;");
        text.Append('\n');
        Line(text, member, "/// <summary>");
        Line(text, member, "/// True when <paramref name=\"reply\"/>, a reply line as the server sends it (\"421 4.3.2 Try again later\"),");
        Line(text, member, "/// starts with <paramref name=\"code\"/> followed by a space, a hyphen (a continued multiline reply) or nothing.");
        Line(text, member, "/// </summary>");
        Line(text, member, "/// <remarks>Written for every C# version and nullable setting: a null reply is simply not a match.</remarks>");
        Line(text, member, "public static bool " + ReplyLineTest + "(string reply, int code) =>");
        Line(text, member, "    reply != null");
        Line(text, member, "    && (reply.Length == 3 || (reply.Length > 3 && (reply[3] == ' ' || reply[3] == '-')))");
        Line(text, member, "    && int.TryParse(reply.Substring(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)");
        Line(text, member, "    && value == code;");
    }

    private static void ClassTest(StringBuilder text, string indent, string name, int replyClass, string summary)
    {
        Line(text, indent, "/// <summary>" + summary + "</summary>");
        Line(text, indent, "public static bool " + name + "(int reply) => reply / 100 == " + replyClass + ";");
        text.Append('\n');
    }

}
