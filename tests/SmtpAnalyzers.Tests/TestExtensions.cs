using Microsoft.CodeAnalysis.Testing;

namespace SmtpAnalyzers.Tests;

internal static class TestExtensions
{
    /// <summary>Adds explicitly built expectations (message text, severity) to a test.</summary>
    public static T WithExpected<T>(this T test, params DiagnosticResult[] expected)
        where T : AnalyzerTest<DefaultVerifier>
    {
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }
}
