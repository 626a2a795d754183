using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpAnalyzers;

/// <summary>
/// The literal tokens of a file that a reply-code analyzer can use, found once for all of them
/// (<see cref="SourceFile.Literals"/>), with whether the text spells "GeneratedCode" (see <see cref="SmtpFileAnalyzer"/>).
/// </summary>
/// <remarks>
/// Every literal an analyzer can use starts with a digit: a number of 100 or more (a reply code, a class bound), or a
/// string whose first character is a digit ("550 ...", "5.7.1", or "\u0035\u0035\u0030" with the digit written as an
/// escape, found by a second search for a quote followed by a backslash). So the text is searched for digits and only
/// the tokens found there are looked at, instead of walking every token of the tree. These digits are passed over
/// without looking at the tree: one right after a letter, a digit or an underscore (inside a name such as Send2Async, a
/// number, or a string that does not start with it), and one that starts a run of fewer than three letters and digits
/// (0, 42, 1.5: no such number, and not the start of a string, which follows a quote). So are the rest of a token, and
/// the rest of a comment once one of its digits has been looked at.
/// </remarks>
internal sealed class LiteralScan
{
    private LiteralScan(SyntaxToken[] literals, bool spellsGeneratedCode)
    {
        Literals = literals;
        SpellsGeneratedCode = spellsGeneratedCode;
    }

    /// <summary>The numeric and string literal tokens an analyzer can use, in order.</summary>
    public SyntaxToken[] Literals { get; }

    /// <summary>Whether the text spells "GeneratedCode": only then can a declaration in it be marked <c>[GeneratedCode]</c>.</summary>
    public bool SpellsGeneratedCode { get; }

    // The literals found so far, reused by each thread for the files it scans.
    [ThreadStatic]
    private static List<SyntaxToken>? t_literals;

    public static LiteralScan Of(SourceFile file)
    {
        var text = file.Text;
        var root = file.Tree.GetRoot();
        var literals = t_literals ??= new List<SyntaxToken>();
        var at = NextDigit(text, 0);
        var previous = default(SyntaxToken);
        while (at >= 0)
        {
            var next = at + 1;
            if (MayStartLiteral(text, at))
            {
                var token = TextSearch.FindToken(root, at, near: previous);
                previous = token;
                if (token.Span.Contains(at))
                {
                    next = token.Span.End;
                    if (token.RawKind is (int)SyntaxKind.NumericLiteralToken or (int)SyntaxKind.StringLiteralToken)
                    {
                        literals.Add(token);
                    }
                }
                else
                {
                    // In trivia: a comment or a directive, up to the token it belongs to.
                    next = at < token.SpanStart ? token.SpanStart : token.FullSpan.End;
                }
            }

            at = NextDigit(text, next);
        }

        // A string whose first character is written as an escape ("\u0034\u0032\u0031") starts with no digit in the text.
        var found = literals.Count;
        for (var quote = text.IndexOf("\"\\", StringComparison.Ordinal); quote >= 0; quote = text.IndexOf("\"\\", quote + 2, StringComparison.Ordinal))
        {
            var token = TextSearch.FindToken(root, quote, near: previous);
            if (token.SpanStart == quote
                && token.IsKind(SyntaxKind.StringLiteralToken)
                && token.ValueText is { Length: > 0 } value
                && char.IsDigit(value[0])
                && !literals.Contains(token))
            {
                previous = token;
                literals.Add(token);
            }
        }

        if (literals.Count > found)
        {
            literals.Sort(static (x, y) => x.SpanStart.CompareTo(y.SpanStart));
        }

        var scan = new LiteralScan(literals.ToArray(), text.IndexOf("GeneratedCode", StringComparison.Ordinal) >= 0);
        literals.Clear();
        return scan;
    }

    // The position of the first digit at or after start, or -1. A plain loop: the scan stops at every digit it
    // passes over, and IndexOfAny with ten characters sets up its search again at each call.
    private static int NextDigit(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is >= '0' and <= '9')
            {
                return i;
            }
        }

        return -1;
    }

    // Whether a literal an analyzer can use may start at the digit at the position (see the remarks).
    private static bool MayStartLiteral(string text, int at)
    {
        var before = at == 0 ? ' ' : text[at - 1];
        if (before == '"')
        {
            return true;
        }

        if (TextSearch.IsNameCharacter(before))
        {
            return false;
        }

        // A number of 100 or more takes three characters at least.
        for (var i = at + 1; i < at + 3; i++)
        {
            if (i == text.Length || !TextSearch.IsNameCharacter(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
