using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// A numeric literal used as an SMTP reply code, and what the SMTP001 fix writes in its place.
/// A value, so that finding one allocates nothing: the analyzer meets one for every reply code it reports.
/// </summary>
internal readonly struct ReplyCodeUse
{
    // The comparison, switch or pattern whose labels all become enum members with this literal, when IntCast is dropped.
    private readonly IOperation? _comparison;

    public ReplyCodeUse(
        LiteralExpressionSyntax literal,
        int value,
        INamedTypeSymbol? statusEnum,
        StatusLibrary library,
        string? enumMember,
        CastExpressionSyntax? enumCast,
        CastExpressionSyntax? intCast = null,
        IOperation? comparison = null)
    {
        Literal = literal;
        Value = value;
        StatusEnum = statusEnum;
        Library = library;
        EnumMember = enumMember;
        EnumCast = enumCast;
        IntCast = intCast;
        _comparison = comparison;
    }

    /// <summary>The literal, where the diagnostic goes.</summary>
    public LiteralExpressionSyntax Literal { get; }

    /// <summary>The literal's value.</summary>
    public int Value { get; }

    /// <summary>The catalog entry, or null when the value is not a reply code (SMTP003).</summary>
    public ReplyCode? Code => ReplyCatalog.Find(Value);

    /// <summary>The library <c>SmtpStatusCode</c> the literal is compared with or cast to, if any.</summary>
    public INamedTypeSymbol? StatusEnum { get; }

    /// <summary>The library that <see cref="StatusEnum"/> belongs to, or <see cref="StatusLibrary.None"/>.</summary>
    public StatusLibrary Library { get; }

    /// <summary>
    /// The member of <see cref="StatusEnum"/> the fix writes, or null when the fix writes
    /// <c>SmtpReplyCodes.X</c> (no such member, or a plain integer context).
    /// </summary>
    public string? EnumMember { get; }

    /// <summary><c>(SmtpStatusCode)452</c>: the cast around the literal that the enum member replaces.</summary>
    public CastExpressionSyntax? EnumCast { get; }

    /// <summary>
    /// <c>(int)ex.StatusCode == 421</c>: the cast on the compared status that is no longer needed once the
    /// literal (and every other literal compared with the same value) becomes an enum member.
    /// </summary>
    public CastExpressionSyntax? IntCast { get; }

    /// <summary>
    /// The literals that must become enum members together with this one because they are compared with
    /// the same value whose <see cref="IntCast"/> the fix drops (every label of a switch, every constant of
    /// an <c>is</c> pattern). Just this literal otherwise. Collected when a fix asks: the analyzer only
    /// needs to know that each of them has a member.
    /// </summary>
    public IReadOnlyList<LiteralExpressionSyntax> ComparedTogether()
    {
        var labels = new List<LiteralExpressionSyntax>();
        if (_comparison is null || !ReplyCodeContext.LabelsHaveMembers(_comparison, Library, labels))
        {
            labels.Clear();
            labels.Add(Literal);
        }

        return labels;
    }

    /// <summary>The text the fix writes, as shown in the diagnostic message.</summary>
    public string Replacement(string replyCodesClass) =>
        EnumMember is not null
            ? StatusEnum!.Name + "." + EnumMember
            : replyCodesClass + "." + Code?.Name;
}
