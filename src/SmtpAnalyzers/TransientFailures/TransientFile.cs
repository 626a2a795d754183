using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// The file a transient-failure analyzer walks: its semantic model, and a report that keeps only the diagnostics
/// in code the rules judge (<see cref="RuleScope"/>: not test code unless the option says so, not a transport's
/// own implementation) and outside declarations marked generated (<see cref="GeneratedDeclarations"/>).
/// </summary>
internal readonly struct TransientFile
{
    private readonly SemanticModelAnalysisContext _context;
    private readonly bool _rulesInTests;

    public TransientFile(SemanticModelAnalysisContext context, SmtpSymbols symbols)
    {
        _context = context;
        Symbols = symbols;
        _rulesInTests = RuleScope.RulesInTests(context.Options, context.SemanticModel.SyntaxTree);
    }

    public SemanticModel SemanticModel => _context.SemanticModel;

    public SmtpSymbols Symbols { get; }

    /// <summary>The options of the analysis, for the .editorconfig keys of the files a rule's question reaches.</summary>
    public AnalyzerOptions Options => _context.Options;

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>Whether the rules judge the code at <paramref name="node"/>.</summary>
    public bool Judges(SyntaxNode node) => RuleScope.Judges(node, _rulesInTests, SemanticModel, Symbols, CancellationToken);

    public void ReportDiagnostic(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.SourceSpan.Start;
        var root = SemanticModel.SyntaxTree.GetRoot(CancellationToken);
        if (root.FindToken(position).Parent is { } node
            && Judges(node)
            && !GeneratedDeclarations.Contain(position, SemanticModel, Symbols, CancellationToken))
        {
            _context.ReportDiagnostic(diagnostic);
        }
    }
}
