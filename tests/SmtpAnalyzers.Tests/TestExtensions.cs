using System.Text;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.Generators;

namespace SmtpAnalyzers.Tests;

internal static class TestExtensions
{
    public const string GlobalConfigPath = "/.globalconfig";

    /// <summary>The build properties the package's props make visible: root namespace <c>TestProject</c>, generation on or off.</summary>
    public static string GlobalConfig(bool generateHelpers) =>
        "is_global = true\n"
        + HelperTypesGenerator.RootNamespaceProperty + " = TestProject\n"
        + HelperTypesGenerator.GenerateHelpersProperty + " = " + (generateHelpers ? "true" : "false") + "\n";

    /// <summary>
    /// The <c>SmtpReplyCodes.cs</c> a fix adds when generation is off: UTF-8, as an IDE would save it, in the test
    /// project's root namespace.
    /// </summary>
    public static SourceText AddedReplyCodesFile { get; } =
        SourceText.From(HelperFile.ReplyCodes.Generate(new HelperText("TestProject", generated: false)), Encoding.UTF8);

    /// <summary>Sets <c>SmtpAnalyzersGenerateHelpers=false</c>: the fix must add the helpers it uses as files.</summary>
    public static T WithHelperGenerationOff<T>(this T test)
        where T : CodeFixTest<DefaultVerifier>
    {
        test.TestState.AnalyzerConfigFiles.RemoveAll(file => file.filename == GlobalConfigPath);
        test.TestState.AnalyzerConfigFiles.Add((GlobalConfigPath, GlobalConfig(generateHelpers: false)));
        return test;
    }

    /// <summary>With generation off, expects the fix to add <c>SmtpReplyCodes.cs</c> to the project.</summary>
    public static T WithAddedReplyCodesFile<T>(this T test)
        where T : CodeFixTest<DefaultVerifier>
    {
        test.WithHelperGenerationOff();
        test.FixedState.Sources.Add(("SmtpReplyCodes.cs", AddedReplyCodesFile));
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
