namespace SmtpAnalyzers.Catalog;

/// <summary>
/// One enhanced status code of RFC 3463 and the IANA "Enumerated Status Codes" registry, written
/// without its class digit (subject.detail): "5.1.1" and "4.1.1" share the entry for 1.1.
/// </summary>
internal sealed class EnhancedStatusCode
{
    public EnhancedStatusCode(int subject, int detail, string name, string title, string description, string rfc)
    {
        Subject = subject;
        Detail = detail;
        Name = name;
        Title = title;
        Description = description;
        Rfc = rfc;
    }

    /// <summary>The subject digit: 0 other, 1 addressing, 2 mailbox, 3 mail system, 4 network and routing,
    /// 5 mail delivery protocol, 6 message content, 7 security or policy.</summary>
    public int Subject { get; }

    /// <summary>The detail number within the subject.</summary>
    public int Detail { get; }

    /// <summary>The constant's name, such as "BadDestinationMailboxAddress".</summary>
    public string Name { get; }

    /// <summary>A short title, such as "Bad destination mailbox address".</summary>
    public string Title { get; }

    /// <summary>What the code reports, in the project's own words.</summary>
    public string Description { get; }

    /// <summary>The defining document, such as "RFC 3463".</summary>
    public string Rfc { get; }

    /// <summary>The code in the registry's notation, such as "X.1.1".</summary>
    public string Notation => "X." + Subject + "." + Detail;
}
