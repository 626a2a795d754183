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
        INamedTypeSymbol? statusEnum)
    {
        Literal = literal;
        Text = text;
        Comparison = comparison;
        Negated = negated;
        StatusOwner = statusOwner;
        StatusEnum = statusEnum;
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
}
