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

    /// <summary>References xunit's, NUnit's, MSTest's and FluentAssertions' assertions, in the fixed code too.</summary>
    public static T WithTestFrameworks<T>(this T test)
        where T : AnalyzerTest<DefaultVerifier>
    {
        test.TestState.AdditionalReferences.AddRange(TestReferences.TestFrameworks);
        if (test is CodeFixTest<DefaultVerifier> fixTest)
        {
            fixTest.FixedState.AdditionalReferences.AddRange(TestReferences.TestFrameworks);
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
