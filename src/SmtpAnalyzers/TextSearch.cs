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
    /// <paramref name="word"/> followed by one of <paramref name="endings"/> (ordinal, case-sensitive), or by anything
    /// when <paramref name="endings"/> is null (names that start with the word), each once, in order. The word inside a
    /// longer name (<c>IsSend</c>, and <c>Sender</c> unless any ending is wanted) is passed over by looking at the
    /// characters around it, without looking at the tree; the word in a comment or a string is not added.
    /// </summary>
    public static void AddIdentifiers(SyntaxTree tree, string word, string[]? endings, List<SyntaxToken> identifiers)
    {
        var content = TextOf(tree);
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

        // A name written with a Unicode escape (S\u0065nd) does not spell the word, and holds the escape: the tokens
        // at the escapes are read too.
        var found = identifiers.Count;
        for (var at = NextEscape(content, 0, content.Length); at >= 0; at = NextEscape(content, at + 2, content.Length))
        {
            token = FindToken(root, at, near: token);
            if (token.IsKind(SyntaxKind.IdentifierToken)
                && token.Span.Contains(at)
                && IsWordWithEnding(token.ValueText, word, endings)
                && !identifiers.Contains(token))
            {
                identifiers.Add(token);
            }
        }

        if (identifiers.Count > found)
        {
            identifiers.Sort(static (x, y) => x.SpanStart.CompareTo(y.SpanStart));
        }
    }

    /// <summary>
    /// The first token of <paramref name="kind"/> spelled <paramref name="word"/> (the whole token, ordinal,
    /// case-sensitive) inside <paramref name="scope"/> that starts at or after <paramref name="start"/>, or a token
    /// of kind <see cref="SyntaxKind.None"/>. The scope's text is searched and the tree is looked at only where the
    /// characters around a match allow a name or a keyword; a rule that needs one occurrence stops at the first.
    /// </summary>
    public static SyntaxToken NextToken(SyntaxNode scope, string word, SyntaxKind kind, int start)
    {
        var content = TextOf(scope.SyntaxTree);
        var end = scope.Span.End;
        // A name written with a Unicode escape (\u0053tatusCode) does not spell the word, and holds the escape: the
        // first such token is a candidate too.
        var escaped = default(SyntaxToken);
        for (var at = NextEscape(content, start, end); at >= 0; at = NextEscape(content, at + 2, end))
        {
            var token = scope.FindToken(at);
            if (token.IsKind(kind) && token.Span.Contains(at) && token.SpanStart >= start && token.ValueText == word)
            {
                escaped = token;
                break;
            }
        }

        for (var at = IndexOf(content, word, start, end); at >= 0; at = IndexOf(content, word, at + word.Length, end))
        {
            if ((at > 0 && IsNameCharacter(content[at - 1])) || !EndsWithOneOf(content, at + word.Length, NameAlone))
            {
                continue;
            }

            var token = scope.FindToken(at);
            if (token.IsKind(kind) && token.Span.Contains(at))
            {
                return escaped.IsKind(SyntaxKind.None) || token.SpanStart < escaped.SpanStart ? token : escaped;
            }
        }

        return escaped;
    }

    /// <summary>
    /// Whether the text of <paramref name="scope"/> may spell one of <paramref name="words"/>, ignoring case: it
    /// holds one of them, or a Unicode escape (<c>\u0052etry</c> is a name that holds "Retry"). When it does
    /// not, no name or keyword inside the scope holds one of the words, and a walk of its nodes looking for one
    /// can be skipped.
    /// </summary>
    public static bool MaySpell(SyntaxNode scope, string[] words)
    {
        var content = TextOf(scope.SyntaxTree);
        var span = scope.Span;
        if (HasUnicodeEscape(content, span.Start, span.End))
        {
            return true;
        }

        foreach (var word in words)
        {
            if (content.IndexOf(word, span.Start, span.Length, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether content[start..end) holds a Unicode escape (<c>\u0053</c>, <c>\U00000053</c>): then a name there may
    /// stand for a word its text does not spell, and a search of the text is no prefilter.
    /// </summary>
    public static bool HasUnicodeEscape(string content, int start, int end) => NextEscape(content, start, end) >= 0;

    // The position of the next Unicode escape (\u or \U) in content[start..end), or -1. Code holds few backslashes:
    // an ordinal search for one, then a look at the character after it, is cheaper than a search for the pair ignoring case.
    private static int NextEscape(string content, int start, int end)
    {
        for (var at = Backslash(content, start, end); at >= 0; at = Backslash(content, at + 1, end))
        {
            if (at + 1 < end && content[at + 1] is 'u' or 'U')
            {
                return at;
            }
        }

        return -1;
    }

    private static int Backslash(string content, int start, int end) => end > start ? content.IndexOf('\\', start, end - start) : -1;

    private static bool IsWordWithEnding(string name, string word, string[]? endings)
    {
        if (!name.StartsWith(word, StringComparison.Ordinal))
        {
            return false;
        }

        if (endings is null)
        {
            return true;
        }

        foreach (var ending in endings)
        {
            if (name.Length == word.Length + ending.Length && string.CompareOrdinal(name, word.Length, ending, 0, ending.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The endings for a word that is the whole name: nothing may follow it.</summary>
    public static readonly string[] NameAlone = [string.Empty];

    // The position of the word in content[start..end), or -1.
    private static int IndexOf(string content, string word, int start, int end) =>
        end - start < word.Length ? -1 : content.IndexOf(word, start, end - start, StringComparison.Ordinal);

    /// <summary>The text of <paramref name="tree"/> as one string (<see cref="SourceFile.Text"/>).</summary>
    public static string TextOf(SyntaxTree tree) => SourceFile.Of(tree).Text;

    /// <summary>Whether a character can be part of a name or a number: a letter, a digit or an underscore.</summary>
    public static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

    // Whether one of the endings follows at the position, ending the name there.
    private static bool EndsWithOneOf(string content, int position, string[]? endings)
    {
        if (endings is null)
        {
            return true;
        }

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
