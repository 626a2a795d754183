using System.Collections.Immutable;
using System.Text;

using static SmtpAnalyzers.Generators.HelperFile;

namespace SmtpAnalyzers.Generators;

/// <summary>
/// Writes <c>SmtpFailures</c>: the one library-aware answer to "is this failure worth a retry?" that every
/// retry fix uses (<c>IsTransient(Exception)</c>), and its opposite for 5xx replies (<c>IsPermanent(Exception)</c>).
/// Only the libraries the project can use are tested: MailKit's exceptions when MailKit is referenced,
/// System.Net.Mail's when <c>SmtpException</c> is available.
/// </summary>
internal static class FailuresFile
{
    public const string ClassName = "SmtpFailures";

    public static ImmutableHashSet<string> Members { get; } = ImmutableHashSet.Create("IsTransient", "IsPermanent");

    private const string MailKitCommand = "global::MailKit.Net.Smtp.SmtpCommandException";
    private const string SystemNetMailFailure = "global::System.Net.Mail.SmtpException";

    /// <summary>The whole text, as <paramref name="options"/> asks for it.</summary>
    public static string Generate(HelperText options) => Write(
        options,
        "Transient and permanent SMTP failures",
        [
            "/// <summary>",
            "/// Tells an SMTP failure that may pass (a 4xx reply, a lost connection: retry later, with backoff) from",
            "/// one that will not (a 5xx reply: sending the same message again fails again).",
            "/// </summary>",
        ],
        ClassName,
        (text, indent) => WriteMembers(text, indent, options));

    private static void WriteMembers(StringBuilder text, string indent, HelperText options)
    {
        var replyCodes = options.ReplyCodesBeside
            ? "global::" + (options.Namespace is null ? string.Empty : options.Namespace + ".") + ReplyCodesFile.ClassName + "."
            : string.Empty;

        Line(text, indent, "/// <summary>");
        Line(text, indent, "/// True when <paramref name=\"ex\"/> is a failure that the same send may get past later, so a bounded retry");
        Line(text, indent, "/// with backoff is right.");
        Line(text, indent, "/// </summary>");
        Line(text, indent, "/// <remarks>");
        if (options.MailKit)
        {
            Line(text, indent, "/// <para>MailKit: an <c>SmtpCommandException</c> with a 4xx reply; an <c>SmtpProtocolException</c> or an");
            Line(text, indent, "/// <c>IOException</c> (the connection was lost, which RFC 5321 treats like 451); an <c>AuthenticationException</c>");
            Line(text, indent, "/// that wraps a 4xx reply (a 421 or 454 during AUTH). Connect the client again before the retry.</para>");
        }

        if (options.SystemNetMail)
        {
            Line(text, indent, "/// <para>System.Net.Mail: an <c>SmtpException</c> with a 4xx status, or <c>GeneralFailure</c> (no reply: a lost");
            Line(text, indent, "/// connection or a timeout). Never <c>SmtpFailedRecipientException</c> or <c>SmtpFailedRecipientsException</c>:");
            Line(text, indent, "/// the message already went to the other recipients, so retry only the refused ones.</para>");
        }

        Line(text, indent, "/// <para>Waits of minutes or hours (greylisting) belong to a queue, not to an inline retry.</para>");
        Line(text, indent, "/// </remarks>");
        Line(text, indent, "public static bool IsTransient(global::System.Exception ex)");
        Line(text, indent, "{");
        var body = indent + "    ";
        if (options.MailKit)
        {
            Line(text, body, "if (ex is " + MailKitCommand + " command)");
            Line(text, body, "{");
            Line(text, body, "    return " + replyCodes + "IsTransient((int)command.StatusCode);");
            Line(text, body, "}");
            text.Append('\n');
            Line(text, body, "if (ex is global::MailKit.Net.Smtp.SmtpProtocolException || ex is global::System.IO.IOException)");
            Line(text, body, "{");
            Line(text, body, "    return true;");
            Line(text, body, "}");
            text.Append('\n');
            Line(text, body, "if (ex is global::MailKit.Security.AuthenticationException && ex.InnerException is " + MailKitCommand + " refused)");
            Line(text, body, "{");
            Line(text, body, "    return " + replyCodes + "IsTransient((int)refused.StatusCode);");
            Line(text, body, "}");
            text.Append('\n');
        }

        if (options.SystemNetMail)
        {
            WriteRecipientRefusal(text, body);
            Line(text, body, "if (ex is " + SystemNetMailFailure + " smtp)");
            Line(text, body, "{");
            Line(text, body, "    return smtp.StatusCode == global::System.Net.Mail.SmtpStatusCode.GeneralFailure || " + replyCodes + "IsTransient((int)smtp.StatusCode);");
            Line(text, body, "}");
            text.Append('\n');
        }

        Line(text, body, "return false;");
        Line(text, indent, "}");
        text.Append('\n');

        Line(text, indent, "/// <summary>");
        Line(text, indent, "/// True when <paramref name=\"ex\"/> carries a 5xx reply: the server refused the command for good, and sending");
        Line(text, indent, "/// the same message again fails again. Fix the message, the recipient or the account instead.");
        Line(text, indent, "/// </summary>");
        if (options.SystemNetMail)
        {
            Line(text, indent, "/// <remarks>A refusal of some recipients (<c>SmtpFailedRecipientException</c>, <c>SmtpFailedRecipientsException</c>) is not");
            Line(text, indent, "/// a permanent failure of the message: look at each recipient's status instead.</remarks>");
        }

        Line(text, indent, "public static bool IsPermanent(global::System.Exception ex)");
        Line(text, indent, "{");
        if (options.MailKit)
        {
            Line(text, body, "if (ex is " + MailKitCommand + " command)");
            Line(text, body, "{");
            Line(text, body, "    return " + replyCodes + "IsPermanent((int)command.StatusCode);");
            Line(text, body, "}");
            text.Append('\n');
        }

        if (options.SystemNetMail)
        {
            WriteRecipientRefusal(text, body);
            Line(text, body, "if (ex is " + SystemNetMailFailure + " smtp)");
            Line(text, body, "{");
            Line(text, body, "    return " + replyCodes + "IsPermanent((int)smtp.StatusCode);");
            Line(text, body, "}");
            text.Append('\n');
        }

        Line(text, body, "return false;");
        Line(text, indent, "}");

        if (!options.ReplyCodesBeside)
        {
            // The project owns a class named SmtpReplyCodes that may not have these tests: carry them here.
            text.Append('\n');
            Line(text, indent, "/// <summary>True for a 4xx reply.</summary>");
            Line(text, indent, "private static bool IsTransient(int reply) => reply / 100 == 4;");
            text.Append('\n');
            Line(text, indent, "/// <summary>True for a 5xx reply.</summary>");
            Line(text, indent, "private static bool IsPermanent(int reply) => reply / 100 == 5;");
        }
    }

    // SmtpFailedRecipientsException derives from SmtpFailedRecipientException: one test covers both.
    private static void WriteRecipientRefusal(StringBuilder text, string body)
    {
        Line(text, body, "if (ex is global::System.Net.Mail.SmtpFailedRecipientException)");
        Line(text, body, "{");
        Line(text, body, "    return false;");
        Line(text, body, "}");
        text.Append('\n');
    }
}
