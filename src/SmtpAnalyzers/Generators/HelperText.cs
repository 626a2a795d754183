using System;

namespace SmtpAnalyzers.Generators;

/// <summary>
/// What a helper's text depends on: its namespace, whether the generator or a fix writes it, and (for
/// <c>SmtpFailures</c>) the libraries the project references and whether <c>SmtpReplyCodes</c> sits beside
/// it. A value, compared by content, so that the generator's pipeline caches on it.
/// </summary>
internal readonly struct HelperText : IEquatable<HelperText>
{
    public HelperText(string? namespaceName, bool generated, bool mailKit = false, bool systemNetMail = false, bool replyCodesBeside = false)
    {
        Namespace = namespaceName;
        Generated = generated;
        MailKit = mailKit;
        SystemNetMail = systemNetMail;
        ReplyCodesBeside = replyCodesBeside;
    }

    /// <summary>The namespace of the type; null for the global namespace.</summary>
    public string? Namespace { get; }

    /// <summary>True for the generator's text (an auto-generated header); false for the file a fix adds.</summary>
    public bool Generated { get; }

    /// <summary>MailKit is referenced: <c>SmtpFailures</c> tests MailKit's exceptions.</summary>
    public bool MailKit { get; }

    /// <summary><c>System.Net.Mail.SmtpException</c> is available: <c>SmtpFailures</c> tests System.Net.Mail's exceptions.</summary>
    public bool SystemNetMail { get; }

    /// <summary>
    /// The package's <c>SmtpReplyCodes</c> is in the same namespace, so <c>SmtpFailures</c> calls its class tests;
    /// otherwise <c>SmtpFailures</c> carries its own.
    /// </summary>
    public bool ReplyCodesBeside { get; }

    public bool Equals(HelperText other) =>
        string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
        && Generated == other.Generated
        && MailKit == other.MailKit
        && SystemNetMail == other.SystemNetMail
        && ReplyCodesBeside == other.ReplyCodesBeside;

    public override bool Equals(object? obj) => obj is HelperText other && Equals(other);

    public override int GetHashCode() =>
        ((Namespace is null ? 0 : StringComparer.Ordinal.GetHashCode(Namespace)) * 31)
        ^ (Generated ? 1 : 0) ^ (MailKit ? 2 : 0) ^ (SystemNetMail ? 4 : 0) ^ (ReplyCodesBeside ? 8 : 0);
}
