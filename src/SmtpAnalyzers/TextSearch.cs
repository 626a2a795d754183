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
    /// Adds to <paramref name="identifiers"/> the identifier tokens of <paramref name="tree"/> that spell
    /// <paramref name="word"/> (ordinal, case-sensitive), each once, in order. The caller tests the whole name.
    /// </summary>
    public static void AddIdentifiers(SyntaxTree tree, string word, List<SyntaxToken> identifiers)
    {
        // A text parsed from a string hands that string back without copying it.
        var content = tree.GetText().ToString();
        var root = tree.GetRoot();
        var searched = 0;
        var token = default(SyntaxToken);
        for (var at = content.IndexOf(word, StringComparison.Ordinal); at >= 0; at = content.IndexOf(word, searched, StringComparison.Ordinal))
        {
            token = FindToken(root, at, near: token);
            searched = at + 1;
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(at))
            {
                identifiers.Add(token);
                searched = token.Span.End;
            }
        }
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
