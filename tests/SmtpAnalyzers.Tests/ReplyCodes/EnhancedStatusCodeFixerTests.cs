using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.Generators;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.EnhancedStatusCodeAnalyzer, SmtpAnalyzers.CodeFixes.EnhancedStatusCodeFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>The SMTP005 fix, with the generated SmtpEnhancedStatusCodes, and the file it adds when generation is off.</summary>
public class EnhancedStatusCodeFixerTests
{
    private static readonly SourceText AddedFile =
        SourceText.From(HelperFile.EnhancedStatusCodes.Generate(new HelperText("TestProject", generated: false)), Encoding.UTF8);

    [Fact]
    public async Task EnhancedCode_BecomesGeneratedConstantAndNoFileIsAdded()
    {
        var test = VerifyCS.FixTest("""
            using MailKit.Net.Smtp;

            class C
            {
                bool UnknownUser(SmtpCommandException ex) => ex.Message.Contains({|SMTP005:"5.1.1"|});
            }
            """, """
            using MailKit.Net.Smtp;
            using TestProject;

            class C
            {
                bool UnknownUser(SmtpCommandException ex) => ex.Message.Contains(SmtpEnhancedStatusCodes.PermanentBadDestinationMailboxAddress);
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task GenerationOff_FixAllAcrossTwoDocuments_AddsTheFileOnce()
    {
        var test = VerifyCS.FixTest("""
            namespace TestProject
            {
                class A
                {
                    bool Full(MailKit.Net.Smtp.SmtpCommandException ex) => ex.Message.Contains({|SMTP005:"4.2.2"|}) || ex.Message.Contains({|SMTP005:"5.2.2"|});
                }
            }
            """, """
            namespace TestProject
            {
                class A
                {
                    bool Full(MailKit.Net.Smtp.SmtpCommandException ex) => ex.Message.Contains(SmtpEnhancedStatusCodes.TransientMailboxFull) || ex.Message.Contains(SmtpEnhancedStatusCodes.PermanentMailboxFull);
                }
            }
            """);
        test.TestState.Sources.Add(("/0/Test1.cs", """
            class B
            {
                bool Blocked(string smtpReply) => smtpReply.Contains({|SMTP005:"5.7.1"|}) && smtpReply != {|SMTP005:"2.1.5"|};
            }
            """));
        test.FixedState.Sources.Add(("/0/Test1.cs", """
            using TestProject;

            class B
            {
                bool Blocked(string smtpReply) => smtpReply.Contains(SmtpEnhancedStatusCodes.PermanentDeliveryNotAuthorized) && smtpReply != SmtpEnhancedStatusCodes.SuccessDestinationAddressValid;
            }
            """));
        test.WithHelperGenerationOff();
        test.FixedState.Sources.Add(("SmtpEnhancedStatusCodes.cs", AddedFile));
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfIncrementalIterations = 4;
        await test.RunAsync();
    }

    [Fact]
    public Task UnknownCode_OffersNoFix()
    {
        const string Source = """
            using MailKit.Net.Smtp;

            class C
            {
                bool Odd(SmtpCommandException ex) => ex.Message.Contains({|SMTP005:"5.9.99"|});
            }
            """;
        return VerifyCS.FixAsync(Source, Source);
    }

    [Fact]
    public async Task ExistingClass_IsUsedAndNoFileIsAdded()
    {
        const string Existing = """
            namespace Mail.Constants
            {
                internal static class SmtpEnhancedStatusCodes
                {
                    public const string PermanentDeliveryNotAuthorized = "5.7.1";
                }
            }
            """;
        var test = VerifyCS.FixTest("""
            class C
            {
                bool Blocked(System.Net.Mail.SmtpException ex) => ex.Message.Contains({|SMTP005:"5.7.1"|}) || ex.Message.Contains({|SMTP005:"5.1.1"|});
            }
            """, """
            using Mail.Constants;

            class C
            {
                bool Blocked(System.Net.Mail.SmtpException ex) => ex.Message.Contains(SmtpEnhancedStatusCodes.PermanentDeliveryNotAuthorized) || ex.Message.Contains("5.1.1");
            }
            """);
        test.TestState.Sources.Add(("/0/Constants.cs", Existing));
        test.FixedState.Sources.Add(("/0/Constants.cs", Existing));

        // The user's class lacks the constant for 5.1.1: that diagnostic stays, with no fix.
        test.FixedState.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("SMTP005", DiagnosticSeverity.Info).WithSpan(5, 154, 5, 161).WithArguments("5.1.1", "the enhanced status code 'Bad destination mailbox address' (permanent): use SmtpEnhancedStatusCodes.PermanentBadDestinationMailboxAddress"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("My.Mail.App")]
    [InlineData(null)]
    public async Task GeneratedFile_CompilesWithoutWarningsWithAConstantPerEntryAndClass(string? namespaceName)
    {
        var references = await TestReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            "Generated",
            [CSharpSyntaxTree.ParseText(HelperFile.EnhancedStatusCodes.Generate(new HelperText(namespaceName, generated: false)), new CSharpParseOptions(documentationMode: DocumentationMode.Diagnose))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1591", ReportDiagnostic.Warn)]));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        var type = compilation.GetTypeByMetadataName((namespaceName is null ? string.Empty : namespaceName + ".") + "SmtpEnhancedStatusCodes")!;
        Assert.Equal(EnhancedStatusCatalog.All.Length * 3, type.GetMembers().OfType<IFieldSymbol>().Count());
        var unknownUser = Assert.IsAssignableFrom<IFieldSymbol>(Assert.Single(type.GetMembers("PermanentBadDestinationMailboxAddress")));
        Assert.Equal("5.1.1", unknownUser.ConstantValue);
        Assert.Contains("Bad destination mailbox address", unknownUser.GetDocumentationCommentXml());
        Assert.Equal("4.2.2", ((IFieldSymbol)type.GetMembers("TransientMailboxFull").Single()).ConstantValue);
        Assert.Equal("2.0.0", ((IFieldSymbol)type.GetMembers("SuccessOtherUndefinedStatus").Single()).ConstantValue);
    }
}
