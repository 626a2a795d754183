using Microsoft.CodeAnalysis;

namespace SmtpAnalyzers;

/// <summary>The rule ids: the package's public contract.</summary>
public static class RuleIds
{
    public const string UseNamedReplyCode = "SMTP001";
    public const string NotAReplyCode = "SMTP003";
    public const string ReplyClassBounds = "SMTP004";
}

/// <summary>Every diagnostic the package reports, in one place.</summary>
internal static class Descriptors
{
    public const string Category = "SmtpReplyCodes";

    private const string DocsRoot = "https://github.com/smtpanalyzers/SmtpAnalyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor UseNamedReplyCode = Create(
        RuleIds.UseNamedReplyCode,
        "Use a named constant for the SMTP reply code",
        "{0} is the SMTP reply '{1}' ({2}): use {3}",
        "A reply code written as a bare number hides which reply the code means and whether it is a transient or a permanent failure. The named constant documents both, and hovering over it shows the catalog entry: what the reply means, when servers send it, and whether to retry.");

    public static readonly DiagnosticDescriptor NotAReplyCode = Create(
        RuleIds.NotAReplyCode,
        "Value is not an SMTP reply code",
        "{0} is not an SMTP reply code{1}",
        "The value is compared with an SMTP status, but no SMTP specification defines it as a reply code, so the comparison can never match what a server sends. It is almost always a typo for a real code, or an HTTP status used where an SMTP reply was meant.");

    public static readonly DiagnosticDescriptor ReplyClassBounds = new(
        RuleIds.ReplyClassBounds,
        "Reply class tested with magic bounds",
        "Reply class test '{0}' {1}",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Numeric bounds such as 'code >= 400 && code < 500' or 'code / 100 == 4' make the reader work out which reply classes they select, and an off-by-one bound ('> 400', '<= 500') silently moves a reply into the wrong class. SmtpReplyCodes.IsTransient, IsPermanent, IsPositive, IsIntermediate and ClassOf say which class is meant.",
        helpLinkUri: HelpLink(RuleIds.ReplyClassBounds));

    /// <summary>The docs page of a rule: the same address the descriptors' help links use.</summary>
    public static string HelpLink(string id) => DocsRoot + id + ".md";

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id));
}
