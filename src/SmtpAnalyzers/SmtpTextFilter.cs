using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SmtpAnalyzers;

/// <summary>
/// A cheap per-file test run before any syntax or semantic work: files that never spell "smtp" (in any
/// case) are skipped. Mail code names its SMTP types, exceptions, namespaces or variables, so almost every
/// file that compares reply codes passes; the price is that a file reaching a status only through members
/// declared elsewhere (<c>(int)result.Status == 421</c>) or a global using alias is not analyzed. Setting
/// a name pattern in .editorconfig turns the filter off.
/// </summary>
internal static class SmtpTextFilter
{
    // Every analyzer asks about the same trees: the answer is kept as long as the tree lives.
    private static readonly ConditionalWeakTable<SyntaxTree, object> Answers = new();
    private static readonly object Yes = true;
    private static readonly object No = false;

    // The runtime's ordinal search compares many characters per instruction: a file that never mentions
    // SMTP is read once.
    private static readonly ConditionalWeakTable<SyntaxTree, object>.CreateValueCallback Scan =
        tree => TextSearch.TextOf(tree).IndexOf("smtp", StringComparison.OrdinalIgnoreCase) >= 0 ? Yes : No;

    public static bool MentionsSmtp(SyntaxTree tree) => Answers.GetValue(tree, Scan) == Yes;
}
