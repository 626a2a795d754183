using System.Text;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.CodeFixes;

namespace SmtpAnalyzers.Tests;

internal static class TestExtensions
{
    /// <summary>
    /// The <c>SmtpReplyCodes.cs</c> a fix adds: UTF-8, as an IDE would save it, in the test project's namespace.
    /// </summary>
    public static SourceText GeneratedReplyCodesFile { get; } = SourceText.From(ReplyCodesFile.Generate("TestProject"), Encoding.UTF8);

    /// <summary>Expects the fix to add the generated <c>SmtpReplyCodes.cs</c> to the project.</summary>
    public static T WithGeneratedReplyCodesFile<T>(this T test)
        where T : CodeFixTest<DefaultVerifier>
    {
        test.FixedState.Sources.Add(("SmtpReplyCodes.cs", GeneratedReplyCodesFile));
        return test;
    }

    /// <summary>
    /// Adds the generated <c>SmtpFailures</c> helpers (in the test project's namespace) to the code before the fix and,
    /// unless the test expects no fix (<paramref name="fixedToo"/> false, the fixed state then repeats the test state),
    /// after it.
    /// </summary>
    public static T WithSmtpFailures<T>(this T test, bool fixedToo = true)
        where T : CodeFixTest<DefaultVerifier>
    {
        var helpers = SourceText.From(SmtpAnalyzers.Testing.SmtpFailuresStandIn.For("TestProject"), Encoding.UTF8);
        test.TestState.Sources.Add(("SmtpFailures.cs", helpers));
        if (fixedToo)
        {
            test.FixedState.Sources.Add(("SmtpFailures.cs", helpers));
        }

        return test;
    }

    /// <summary>Adds explicitly built expectations (message text, severity) to a test.</summary>
    public static T WithExpected<T>(this T test, params DiagnosticResult[] expected)
        where T : AnalyzerTest<DefaultVerifier>
    {
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }
}
