using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// A string literal compared with the text of an SMTP reply (SMTP002, SMTP005), and what a fix may rewrite.
/// </summary>
internal sealed class ReplyTextUse
{
    public ReplyTextUse(
        LiteralExpressionSyntax literal,
        ExpressionSyntax text,
        ExpressionSyntax? comparison,
        bool negated,
        ExpressionSyntax? statusOwner,
        INamedTypeSymbol? statusEnum,
        ReplyTextOrigin origin = default)
    {
        Literal = literal;
        Text = text;
        Comparison = comparison;
        Negated = negated;
        StatusOwner = statusOwner;
        StatusEnum = statusEnum;
        Origin = origin;
    }

    /// <summary>The literal, where the diagnostic goes.</summary>
    public LiteralExpressionSyntax Literal { get; }

    /// <summary>The reply text the literal is compared with: <c>ex.Message</c>, <c>smtpReply</c>.</summary>
    public ExpressionSyntax Text { get; }

    /// <summary>
    /// The whole test that yields true when the reply has the literal's code (<c>reply.StartsWith("421")</c>,
    /// <c>reply == "421"</c>, <c>reply.Substring(0, 3) != "421"</c>), or null when the test is not a
    /// boolean the SMTP002 fix can replace (<c>reply.IndexOf("421")</c>).
    /// </summary>
    public ExpressionSyntax? Comparison { get; }

    /// <summary>True for <c>!=</c>: the test is true when the reply does not have the code.</summary>
    public bool Negated { get; }

    /// <summary>
    /// The exception or response whose text <see cref="Text"/> is and whose <c>StatusCode</c> holds the
    /// reply code (<c>ex</c> in <c>ex.Message</c>), or null when the text comes from elsewhere.
    /// </summary>
    public ExpressionSyntax? StatusOwner { get; }

    /// <summary>The type of <see cref="StatusOwner"/>'s <c>StatusCode</c>: a library <c>SmtpStatusCode</c>.</summary>
    public INamedTypeSymbol? StatusEnum { get; }

    /// <summary>Where <see cref="Text"/> comes from, and whether it can hold a reply code at all.</summary>
    public ReplyTextOrigin Origin { get; }

    /// <summary>True when <see cref="Text"/> never holds the reply code, so the test never finds it (SMTP006).</summary>
    public bool WithoutCode => Origin.Kind == ReplyTextKind.WithoutCode;
}

/// <summary>Whether a string holds SMTP reply text, and whether that text can hold the reply code.</summary>
internal enum ReplyTextKind
{
    /// <summary>Not reply text as far as the analyzers can tell.</summary>
    None,

    /// <summary>A raw reply line, System.Net.Mail's message, a string named as a reply: the code may be in it (SMTP002).</summary>
    MayHoldCode,

    /// <summary>Text MailKit took the code off: <c>SmtpCommandException.Message</c>, <c>SmtpResponse.Response</c>, a send's result (SMTP006).</summary>
    WithoutCode,
}

/// <summary>The origin of a reply text: its kind, and for text without the code what it is, as the SMTP006 message names it.</summary>
internal readonly struct ReplyTextOrigin
{
    public ReplyTextOrigin(ReplyTextKind kind, string? description, bool isSendResult = false)
    {
        Kind = kind;
        Description = description;
        IsSendResult = isSendResult;
    }

    public ReplyTextKind Kind { get; }

    /// <summary>"SmtpCommandException.Message", "the text SendAsync returns"; null for text that may hold the code.</summary>
    public string? Description { get; }

    /// <summary>The text a MailKit send returned: it exists only after the server answered 250.</summary>
    public bool IsSendResult { get; }
}
