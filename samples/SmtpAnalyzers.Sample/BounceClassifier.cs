using MailKit.Net.Smtp;

namespace SmtpAnalyzers.Sample;

public enum BounceKind
{
    RetryLater,
    Rejected,
    Unknown,
}

/// <summary>Turns MailKit's failures and replies into what the app does next.</summary>
public static class BounceClassifier
{
    public static BounceKind Classify(SmtpCommandException ex)
    {
        // SMTP001 on every label: a switch over (int)ex.StatusCode with reply codes as numbers.
        switch ((int)ex.StatusCode)
        {
            case 450:
            case 451:
            case 452:
                return BounceKind.RetryLater;
            case 550:
            case 553:
                return BounceKind.Rejected;
            default:
                return BounceKind.Unknown;
        }
    }

    // SMTP001 twice: an `is ... or ...` pattern with bare numbers.
    public static bool IsGreylisting(SmtpCommandException ex) => (int)ex.StatusCode is 450 or 451;

    public static string Describe(SmtpCommandException ex)
    {
        var code = (int)ex.StatusCode;

        // SMTP001: `code` holds ex.StatusCode, so 421 and 535 are reply codes.
        if (code == 421)
        {
            return "server busy, reconnect later";
        }

        if (code == 535)
        {
            return "wrong user name or password";
        }

        // SMTP003: 405 is not a reply code (a typo for 450), so this test never matches.
        if (code == 405)
        {
            return "mailbox busy";
        }

        // SMTP004 (info, shown in the IDE): the reply class tested with magic bounds.
        if (code >= 400 && code < 500)
        {
            return "temporary failure";
        }

        return "permanent failure";
    }

    // SMTP002: the reply compared as text.
    public static bool IsUnknownMailbox(string smtpReply) => smtpReply.StartsWith("550");
}
