using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// SMTP004: an SMTP status whose class is tested with numeric bounds (<c>code &gt;= 400 &amp;&amp; code &lt; 500</c>,
/// <c>is &gt;= 500</c>, <c>code / 100 == 4</c>), including bounds that miss part of a class.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReplyClassBoundsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ReplyClassBounds);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = SmtpSymbols.Create(start.Compilation);
            start.RegisterSemanticModelAction(model => Analyze(model, symbols));
        });
    }

    private static void Analyze(SemanticModelAnalysisContext context, SmtpSymbols symbols)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var names = ReplyCodeNames.For(tree, context.Options);
        var text = tree.GetText(context.CancellationToken);
        if (!names.IsConfigured && !SmtpTextFilter.MentionsSmtp(text))
        {
            return;
        }

        foreach (var token in tree.GetRoot(context.CancellationToken).DescendantTokens())
        {
            // A range has two bounds: it is reported once, from its first.
            if (ReplyClassTest.FromBound(token) is not { } test
                || test.FirstBound != token
                || !test.IsSmtpContext(context.SemanticModel, symbols, names, context.CancellationToken))
            {
                continue;
            }

            var problem = test.BoundsProblem();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ReplyClassBounds,
                Location.Create(tree, test.ReportSpan(text)),
                test.Text(),
                problem ?? test.Meaning() + ": use " + test.Replacement(MagicReplyCodeAnalyzer.ReplyCodesClass)));
        }
    }
}
