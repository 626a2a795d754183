namespace SmtpAnalyzers.Catalog;

/// <summary>One SMTP reply code of the catalog, with the texts users read on hover and in the docs.</summary>
internal sealed class ReplyCode
{
    public ReplyCode(
        int value,
        string name,
        string title,
        string description,
        string whenYouSeeIt,
        string howToFix,
        string retryAdvice,
        string rfc,
        string? mailKitMember,
        string? systemNetMailMember,
        int confusedWith,
        string difference)
    {
        Value = value;
        Name = name;
        Title = title;
        Description = description;
        WhenYouSeeIt = whenYouSeeIt;
        HowToFix = howToFix;
        RetryAdvice = retryAdvice;
        Rfc = rfc;
        MailKitMember = mailKitMember;
        SystemNetMailMember = systemNetMailMember;
        ConfusedWith = confusedWith;
        Difference = difference;
    }

    /// <summary>The three-digit code, such as 421.</summary>
    public int Value { get; }

    /// <summary>The constant's name: MailKit's <c>SmtpStatusCode</c> member name where MailKit has one.</summary>
    public string Name { get; }

    /// <summary>A short title, such as "Service not available".</summary>
    public string Title { get; }

    /// <summary>The class given by the first digit.</summary>
    public ReplyClass Class => (ReplyClass)(Value / 100);

    /// <summary>What the server means by the reply.</summary>
    public string Description { get; }

    /// <summary>When a client typically receives the reply.</summary>
    public string WhenYouSeeIt { get; }

    /// <summary>What the sender (or its operator) does about it.</summary>
    public string HowToFix { get; }

    /// <summary>Whether and how to send again.</summary>
    public string RetryAdvice { get; }

    /// <summary>The defining document, such as "RFC 5321".</summary>
    public string Rfc { get; }

    /// <summary>The member of <c>MailKit.Net.Smtp.SmtpStatusCode</c> with this value, if any.</summary>
    public string? MailKitMember { get; }

    /// <summary>The member of <c>System.Net.Mail.SmtpStatusCode</c> with this value, if any.</summary>
    public string? SystemNetMailMember { get; }

    /// <summary>The code most often mistaken for this one.</summary>
    public int ConfusedWith { get; }

    /// <summary>How this code differs from <see cref="ConfusedWith"/>.</summary>
    public string Difference { get; }
}
