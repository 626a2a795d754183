using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.Generators;
using SmtpAnalyzers.ReplyCodes;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP005: replaces an enhanced status code string with <c>SmtpEnhancedStatusCodes.X</c>, the package's generated
/// constant (a file added once per project when generation is off). Codes outside the catalog get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnhancedStatusCodeFixer)), Shared]
public sealed class EnhancedStatusCodeFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP005 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.EnhancedStatusCode + ".UseNamedConstant";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.EnhancedStatusCode);

    private protected override string FixAllTitle => "Use named constants for enhanced status codes";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (ConstantName(input, diagnostic) is not { } name)
        {
            return null;
        }

        var literal = input.NodeOf(diagnostic);
        return new PlannedFix(
            "Use " + EnhancedStatusCodesFile.ClassName + "." + name,
            replacements => replacements[literal] = input.EnhancedStatusCodes.Reference(name).WithTriviaFrom(literal));
    }

    /// <summary>The constant that replaces the diagnostic's literal, or null when the code is unknown or the class lacks it.</summary>
    private static string? ConstantName(FixInput input, Diagnostic diagnostic)
    {
        if (input.NodeOf(diagnostic) is not LiteralExpressionSyntax literal
            || !ReplyTextContext.IsEnhancedCodeCandidate(literal.Token, out var statusClass, out var subject, out var detail)
            || EnhancedStatusCatalog.Find(subject, detail) is not { } entry
            || ReplyTextContext.Find(input.Model, literal, input.Symbols, input.Names, input.CancellationToken) is null)
        {
            return null;
        }

        var name = EnhancedStatusCatalog.ConstantName(statusClass, entry);
        return input.EnhancedStatusCodes.Has(name) ? name : null;
    }
}
