using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

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
    private const int ChunkSize = 4096;

    // Every analyzer asks about the same trees: the answer is kept as long as the tree lives.
    private static readonly ConditionalWeakTable<SyntaxTree, object> Answers = new();
    private static readonly object Yes = true;
    private static readonly object No = false;

    private static readonly ConditionalWeakTable<SyntaxTree, object>.CreateValueCallback Scan =
        tree => MentionsSmtp(tree.GetText()) ? Yes : No;

    public static bool MentionsSmtp(SyntaxTree tree) => Answers.GetValue(tree, Scan) == Yes;

    public static bool MentionsSmtp(SourceText text)
    {
        var buffer = new char[ChunkSize + 3];
        var length = text.Length;

        // Chunks overlap by three characters so that a word split at a boundary is still found.
        for (var start = 0; start < length; start += ChunkSize)
        {
            var count = length - start < ChunkSize + 3 ? length - start : ChunkSize + 3;
            text.CopyTo(start, buffer, 0, count);
            for (var i = 0; i + 3 < count; i++)
            {
                if ((buffer[i] | 0x20) == 's'
                    && (buffer[i + 1] | 0x20) == 'm'
                    && (buffer[i + 2] | 0x20) == 't'
                    && (buffer[i + 3] | 0x20) == 'p')
                {
                    return true;
                }
            }
        }

        return false;
    }
}
