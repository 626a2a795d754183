using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP006: replaces a search for a reply code in MailKit's exception message or response text with a test of the
/// status the same exception or response carries: <c>ex.Message.Contains("421")</c> becomes
/// <c>ex.StatusCode == SmtpStatusCode.ServiceNotAvailable</c>. No fix for a send's result, which exists only after
/// a 250 (the test is redundant and the docs say so), nor for a local whose status is out of reach.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplyCodeInCodelessTextFixer)), Shared]
public sealed class ReplyCodeInCodelessTextFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP006 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.ReplyCodeInCodelessText + ".CompareTheStatus";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ReplyCodeInCodelessText);

    private protected override string FixAllTitle => "Compare the SMTP status, not reply text without the code";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic) =>
        ReplyCodeTextFixer.Find(input, diagnostic, withoutCode: true) is var (use, code) && use.StatusEnum is not null
            ? ReplyCodeTextFixer.PlanStatusTest(input, use, code)
            : null;
}
