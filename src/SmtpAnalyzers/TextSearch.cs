using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers;

/// <summary>
/// Finds words in a file's text without walking its syntax: an ordinal search of the characters is far
/// cheaper than visiting every node, and points at the few places worth a look at the syntax tree.
/// </summary>
internal static class TextSearch
{
    /// <summary>Whether <paramref name="word"/> occurs in <paramref name="text"/> (ordinal, case-sensitive).</summary>
    public static bool Contains(SourceText text, string word) => text.ToString().IndexOf(word, StringComparison.Ordinal) >= 0;

    /// <summary>Adds to <paramref name="positions"/> every position where <paramref name="word"/> starts (ordinal, case-sensitive), in order.</summary>
    public static void AddPositions(SourceText text, string word, List<int> positions)
    {
        // A text parsed from a string hands that string back without copying it.
        var content = text.ToString();
        for (var at = content.IndexOf(word, StringComparison.Ordinal); at >= 0; at = content.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            positions.Add(at);
        }
    }
}
