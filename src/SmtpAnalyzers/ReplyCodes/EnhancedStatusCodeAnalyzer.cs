using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// SMTP005: an enhanced status code written as a string (<c>"5.7.1"</c>) and compared with the text of an
/// SMTP reply. Codes of the catalog get the name of their constant; others are named as unknown.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnhancedStatusCodeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The class the SMTP005 fix writes.</summary>
    public const string ConstantsClass = "SmtpEnhancedStatusCodes";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UseNamedEnhancedStatusCode);

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
        if (!names.IsConfigured && !SmtpTextFilter.MentionsSmtp(tree.GetText(context.CancellationToken)))
        {
            return;
        }

        foreach (var token in tree.GetRoot(context.CancellationToken).DescendantTokens())
        {
            if (!ReplyTextContext.IsEnhancedCodeCandidate(token, out var statusClass, out var subject, out var detail)
                || token.Parent is not LiteralExpressionSyntax literal
                || ReplyTextContext.Find(context.SemanticModel, literal, symbols, names, context.CancellationToken) is null)
            {
                continue;
            }

            var entry = EnhancedStatusCatalog.Find(subject, detail);
            var description = entry is null
                ? "not an enhanced status code of RFC 3463 or the IANA registry (X." + subject + "." + detail + " is not defined): no server sends it"
                : "the enhanced status code '" + entry.Title + "' (" + ClassLabel(statusClass) + "): use "
                    + ConstantsClass + "." + EnhancedStatusCatalog.ConstantName(statusClass, entry);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UseNamedEnhancedStatusCode, literal.GetLocation(), token.ValueText, description));
        }
    }

    private static string ClassLabel(int statusClass) => statusClass switch
    {
        2 => "success",
        4 => "transient",
        _ => "permanent",
    };
}
