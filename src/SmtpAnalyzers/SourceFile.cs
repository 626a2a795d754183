using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers;

/// <summary>
/// What the analyzers read from a file's text before any semantic work: the text as one string, whether it
/// spells "smtp", its literal tokens (<see cref="SmtpFileAnalyzer"/>) and its calls named like a send
/// (<see cref="Sends"/>). Every analyzer asks about the same trees, so each answer is computed once, by whichever
/// asks first, and kept as long as the tree lives: one lookup per file finds them all.
/// </summary>
/// <remarks>
/// Two threads that ask at the same time may both compute an answer; they compute the same one, and either is kept.
/// </remarks>
internal sealed class SourceFile
{
    private static readonly ConditionalWeakTable<SyntaxTree, SourceFile> Files = new();
    private static readonly ConditionalWeakTable<SyntaxTree, SourceFile>.CreateValueCallback Create = static tree => new SourceFile(tree);

    private string? _text;
    private int _mentionsSmtp; // 0 until known, then Yes or No
    private LiteralScan? _literals;
    private Sends.CandidateCall[]? _candidateCalls;

    private const int Yes = 1;
    private const int No = 2;

    private SourceFile(SyntaxTree tree) => Tree = tree;

    public static SourceFile Of(SyntaxTree tree) => Files.GetValue(tree, Create);

    public SyntaxTree Tree { get; }

    /// <summary>
    /// The text as one string. A text held as one string hands it back without copying it; a text held in chunks
    /// (a large file) is copied once here rather than by each search.
    /// </summary>
    public string Text => _text ??= Tree.GetText().ToString();

    /// <summary>
    /// Whether the text spells "smtp" in any case: the cheap test run before any syntax or semantic work. Mail code
    /// names its SMTP types, exceptions, namespaces or variables, so almost every file that compares reply codes
    /// passes; the price is that a file reaching a status only through members declared elsewhere
    /// (<c>(int)result.Status == 421</c>) or a global using alias is not analyzed. Setting a name pattern in
    /// .editorconfig turns the test off (<see cref="ReplyCodeNames"/>). The runtime's ordinal search compares many
    /// characters per instruction: a file that never mentions SMTP is read once.
    /// </summary>
    public bool MentionsSmtp
    {
        get
        {
            if (_mentionsSmtp == 0)
            {
                _mentionsSmtp = Text.IndexOf("smtp", StringComparison.OrdinalIgnoreCase) >= 0 ? Yes : No;
            }

            return _mentionsSmtp == Yes;
        }
    }

    /// <summary>The numeric and string literals an analyzer can use (<see cref="LiteralScan"/>).</summary>
    public LiteralScan Literals => _literals ??= LiteralScan.Of(this);

    /// <summary>The invocations named like a send, an authentication or a send wrapper, in order (<see cref="Sends.CandidateCallsIn(SyntaxTree)"/>).</summary>
    public Sends.CandidateCall[] CandidateCalls => _candidateCalls ??= Sends.FindCandidateCalls(this);
}
