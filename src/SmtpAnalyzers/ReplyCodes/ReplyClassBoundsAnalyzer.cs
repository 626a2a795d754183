using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// SMTP004: an SMTP status whose class is tested with numeric bounds (<c>code &gt;= 400 &amp;&amp; code &lt; 500</c>,
/// <c>is &gt;= 500</c>, <c>code / 100 == 4</c>, <c>status &lt; (SmtpStatusCode)300</c>), including bounds that miss part
/// of a class.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReplyClassBoundsAnalyzer : SmtpFileAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ReplyClassBounds);

    private protected override void AnalyzeToken(SyntaxToken token, in SmtpFile file)
    {
        // A range has two bounds: it is reported once, from its first.
        if (ReplyClassTest.FromBound(token) is not { } test
            || test.FirstBound != token
            || !test.IsSmtpContext(file.Model, file.Symbols, file.Names, file.CancellationToken, out var subjectIsEnum))
        {
            return;
        }

        var problem = test.BoundsProblem();
        file.Report(Diagnostic.Create(
            Descriptors.ReplyClassBounds,
            Location.Create(file.Tree, test.ReportSpan()),
            test.Text(),
            problem ?? test.Meaning() + ": use " + test.Replacement(MagicReplyCodeAnalyzer.ReplyCodesClass, subjectIsEnum)));
    }
}
