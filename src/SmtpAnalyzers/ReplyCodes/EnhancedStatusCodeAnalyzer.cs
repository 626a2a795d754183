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
public sealed class EnhancedStatusCodeAnalyzer : SmtpFileAnalyzer
{
    /// <summary>The class the SMTP005 fix writes.</summary>
    public const string ConstantsClass = "SmtpEnhancedStatusCodes";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EnhancedStatusCode);

    private protected override void AnalyzeToken(SyntaxToken token, in SmtpFile file)
    {
        if (!ReplyTextContext.IsEnhancedCodeCandidate(token, out var statusClass, out var subject, out var detail)
            || token.Parent is not LiteralExpressionSyntax literal
            || ReplyTextContext.Find(file.Model, literal, file.Symbols, file.Names, file.CancellationToken) is null)
        {
            return;
        }

        var entry = EnhancedStatusCatalog.Find(subject, detail);
        var description = entry is null
            ? "not an enhanced status code of RFC 3463 or the IANA registry (X." + subject + "." + detail + " is not defined): no server sends it"
            : "the enhanced status code '" + entry.Title + "' (" + ClassLabel(statusClass) + "): use "
                + ConstantsClass + "." + EnhancedStatusCatalog.ConstantName(statusClass, entry);
        file.Report(Diagnostic.Create(Descriptors.EnhancedStatusCode, literal.GetLocation(), token.ValueText, description));
    }

    private static string ClassLabel(int statusClass) => statusClass switch
    {
        2 => "success",
        4 => "transient",
        _ => "permanent",
    };
}
