using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpAnalyzers;

/// <summary>
/// Finds words in a file's text without walking its syntax: an ordinal search of the characters is far
/// cheaper than visiting every node, and points at the few places worth a look at the syntax tree.
/// </summary>
internal static class TextSearch
{
    /// <summary>
    /// Adds to <paramref name="identifiers"/> the identifier tokens of <paramref name="tree"/> named
    /// <paramref name="word"/> followed by one of <paramref name="endings"/> (ordinal, case-sensitive), each once,
    /// in order. The word inside a longer name (<c>IsSend</c>, <c>Sender</c>) is passed over by looking at the
    /// characters around it, without looking at the tree; the word in a comment or a string is not added.
    /// </summary>
    public static void AddIdentifiers(SyntaxTree tree, string word, string[] endings, List<SyntaxToken> identifiers)
    {
        // A text parsed from a string hands that string back without copying it.
        var content = tree.GetText().ToString();
        var root = tree.GetRoot();
        var token = default(SyntaxToken);
        for (var at = content.IndexOf(word, StringComparison.Ordinal); at >= 0; at = content.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            if ((at > 0 && IsNameCharacter(content[at - 1])) || !EndsWithOneOf(content, at + word.Length, endings))
            {
                continue;
            }

            token = FindToken(root, at, near: token);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(at))
            {
                identifiers.Add(token);
            }
        }
    }

    /// <summary>Whether a character can be part of a name or a number: a letter, a digit or an underscore.</summary>
    public static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

    // Whether one of the endings follows at the position, ending the name there.
    private static bool EndsWithOneOf(string content, int position, string[] endings)
    {
        foreach (var ending in endings)
        {
            var end = position + ending.Length;
            if (end <= content.Length
                && string.CompareOrdinal(content, position, ending, 0, ending.Length) == 0
                && (end == content.Length || !IsNameCharacter(content[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The token of <paramref name="root"/> at <paramref name="position"/>, found from the smallest node around
    /// <paramref name="near"/> (the token found last) that holds the position. A search moves forward through a
    /// file and the next token is usually in the same statement or member: finding it from there passes over
    /// fewer siblings than finding it from the root does.
    /// </summary>
    public static SyntaxToken FindToken(SyntaxNode root, int position, SyntaxToken near)
    {
        for (var node = near.Parent; node is not null; node = node.Parent)
        {
            if (node.FullSpan.Contains(position))
            {
                return node.FindToken(position);
            }
        }

        return root.FindToken(position);
    }
}
