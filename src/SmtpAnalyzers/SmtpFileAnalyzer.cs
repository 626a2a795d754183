using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers;

/// <summary>
/// The registration the reply-code analyzers share: one semantic-model action per file, files that never
/// mention SMTP dismissed with one cached text scan before any syntax or semantic work, SMTP symbols resolved
/// once per compilation by the first file that needs them (see <see cref="TransientFailures.MailSendAnalyzer"/>
/// for why not at compilation start), and the other files' literal tokens collected once for all analyzers,
/// each of which runs a cheap syntactic test on a token before asking the semantic model anything
/// (<see cref="SourceFile"/>, <see cref="LiteralScan"/>).
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
public abstract class SmtpFileAnalyzer : SmtpAnalyzer
{
    private protected sealed override void Register(AnalysisContext context) => context.RegisterSemanticModelAction(AnalyzeFile);

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
        var source = SourceFile.Of(tree);
        if (!names.IsConfigured && !source.MentionsSmtp)
        {
            return;
        }

        var symbols = SmtpSymbols.For(context.SemanticModel.Compilation);
        var scan = source.Literals;
        var file = new SmtpFile(context, symbols, names, mayMarkGeneratedCode: symbols.GeneratedCodeAttribute is not null && scan.SpellsGeneratedCode);
        foreach (var token in scan.Literals)
        {
            AnalyzeToken(token, file);
        }
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
