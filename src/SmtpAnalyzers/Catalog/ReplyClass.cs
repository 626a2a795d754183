namespace SmtpAnalyzers.Catalog;

/// <summary>The class of an SMTP reply, given by its first digit (RFC 5321, section 4.2.1).</summary>
internal enum ReplyClass
{
    /// <summary>2yz: the command succeeded.</summary>
    PositiveCompletion = 2,

    /// <summary>3yz: the command was accepted and the server waits for more input.</summary>
    PositiveIntermediate = 3,

    /// <summary>4yz: the command failed for now; the same request may succeed later.</summary>
    TransientNegative = 4,

    /// <summary>5yz: the command failed and repeating it unchanged fails again.</summary>
    PermanentNegative = 5,
}

internal static class ReplyClassText
{
    /// <summary>A short label used in diagnostic messages and docs, such as "transient 4xx".</summary>
    public static string Label(this ReplyClass replyClass) => replyClass switch
    {
        ReplyClass.PositiveCompletion => "positive completion 2xx",
        ReplyClass.PositiveIntermediate => "positive intermediate 3xx",
        ReplyClass.TransientNegative => "transient 4xx",
        _ => "permanent 5xx",
    };
}
