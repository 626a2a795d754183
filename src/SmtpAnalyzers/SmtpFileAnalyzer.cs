using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers;

/// <summary>
/// The registration the reply-code analyzers share: one semantic-model action per file, files that never
/// mention SMTP dismissed with one cached text scan before any syntax or semantic work, SMTP symbols resolved
/// once per compilation by the first file that needs them (see <see cref="TransientFailures.MailSendAnalyzer"/>
/// for why not at compilation start), and the other files' literal tokens collected once for all analyzers,
/// each of which runs a cheap syntactic test on a token before asking the semantic model anything.
/// </summary>
/// <remarks>
/// Generated code is skipped here rather than by the driver (<see cref="GeneratedDeclarations"/>): a file these
/// rules report in usually holds many diagnostics, and the driver's check of each is costly. A declaration marked
/// <c>[GeneratedCode]</c> is looked for only in files whose text spells "GeneratedCode".
/// <para>
/// Measured against operation-block actions on literals (tests/SmtpAnalyzers.Benchmarks), this shape
/// cost less: most of the time goes to binding the method bodies of SMTP files, which either shape pays.
/// </para>
/// </remarks>
public abstract class SmtpFileAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterSemanticModelAction(AnalyzeFile);
    }

    /// <summary>Looks at one numeric or string literal token of a file that mentions SMTP; reports through <paramref name="file"/>.</summary>
    private protected abstract void AnalyzeToken(SyntaxToken token, in SmtpFile file);

    private void AnalyzeFile(SemanticModelAnalysisContext context)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        var tree = context.SemanticModel.SyntaxTree;
        var names = ReplyCodeNames.For(tree, context.Options);
        if (!names.IsConfigured && !SmtpTextFilter.MentionsSmtp(tree))
        {
            return;
        }

        var symbols = SmtpSymbols.For(context.SemanticModel.Compilation);
        var scan = Scans.GetValue(tree, ScanText);
        var file = new SmtpFile(context, symbols, names, mayMarkGeneratedCode: symbols.GeneratedCodeAttribute is not null && scan.SpellsGeneratedCode);
        foreach (var token in scan.Literals)
        {
            AnalyzeToken(token, file);
        }
    }

    // Every analyzer reads the same literals of a file: they are collected once, by whichever asks first,
    // and kept as long as the tree lives, with whether the text spells "GeneratedCode" (see the remarks).
    // Every literal an analyzer can use starts with a digit: a number of 100 or more (a reply code, a class
    // bound), or a string whose first character is a digit ("550 ...", "5.7.1", or "\u0035\u0035\u0030" with
    // the digit written as an escape, found by a second search for a quote followed by a backslash). So the text is searched for
    // digits and only the tokens found there are looked at, instead of walking every token of the tree. These
    // digits are passed over without looking at the tree: one right after a letter, a digit or an underscore
    // (inside a name such as Send2Async, a number, or a string that does not start with it), and one that
    // starts a run of fewer than three letters and digits (0, 42, 1.5: no such number, and not the start of a
    // string, which follows a quote). So are the rest of a token, and the rest of a comment once one of its
    // digits has been looked at.
    private static readonly ConditionalWeakTable<SyntaxTree, FileScan> Scans = new();

    // The literals found so far, reused by each thread for the files it scans.
    [ThreadStatic]
    private static List<SyntaxToken>? t_literals;

    private static readonly ConditionalWeakTable<SyntaxTree, FileScan>.CreateValueCallback ScanText = tree =>
    {
        var text = TextSearch.TextOf(tree);
        var root = tree.GetRoot();
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

        var scan = new FileScan(literals.ToArray(), text.IndexOf("GeneratedCode", StringComparison.Ordinal) >= 0);
        literals.Clear();
        return scan;
    };

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

    // Whether a literal an analyzer can use may start at the digit at the position (see above).
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

    private sealed class FileScan(SyntaxToken[] literals, bool spellsGeneratedCode)
    {
        public SyntaxToken[] Literals { get; } = literals;

        public bool SpellsGeneratedCode { get; } = spellsGeneratedCode;
    }
}

/// <summary>What an analyzer knows about the file it walks.</summary>
internal readonly struct SmtpFile
{
    private readonly SemanticModelAnalysisContext _context;

    // Whether a declaration in the file can carry [GeneratedCode]: the attribute exists and the text spells its name.
    private readonly bool _mayMarkGeneratedCode;

    public SmtpFile(SemanticModelAnalysisContext context, SmtpSymbols symbols, ReplyCodeNames names, bool mayMarkGeneratedCode)
    {
        _context = context;
        Symbols = symbols;
        Names = names;
        _mayMarkGeneratedCode = mayMarkGeneratedCode;
    }

    public SemanticModel Model => _context.SemanticModel;

    public SyntaxTree Tree => _context.SemanticModel.SyntaxTree;

    public SmtpSymbols Symbols { get; }

    public ReplyCodeNames Names { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    public void Report(Diagnostic diagnostic)
    {
        if (!_mayMarkGeneratedCode || !GeneratedDeclarations.Contain(diagnostic.Location.SourceSpan.Start, Model, Symbols, CancellationToken))
        {
            _context.ReportDiagnostic(diagnostic);
        }
    }
}
