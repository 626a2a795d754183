using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SmtpAnalyzers.ReplyCodes;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.EnhancedStatusCodeAnalyzer, SmtpAnalyzers.CodeFixes.EnhancedStatusCodeFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>Where SMTP005 fires on enhanced status codes in reply text, and the near misses where it must stay silent.</summary>
public class EnhancedStatusCodeAnalyzerTests
{
    [Fact]
    public Task MailKitMessageContainsEnhancedCode_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool UnknownUser(SmtpCommandException ex) => ex.Message.Contains({|SMTP005:"5.1.1"|});
        }
        """);

    [Fact]
    public Task Message_NamesTheCodeItsClassAndTheConstant() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Full(SmtpCommandException ex) => ex.Message.Contains("4.2.2");
        }
        """).WithExpected(
            new DiagnosticResult("SMTP005", DiagnosticSeverity.Info)
                .WithSpan(5, 63, 5, 70)
                .WithMessage("\"4.2.2\" is the enhanced status code 'Mailbox full' (transient): use SmtpEnhancedStatusCodes.TransientMailboxFull"))
        .RunAsync();

    [Fact]
    public Task UnknownCode_IsReportedAndNamedAsUnknown() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Odd(SmtpCommandException ex) => ex.Message.Contains("5.9.99");
        }
        """).WithExpected(
            new DiagnosticResult("SMTP005", DiagnosticSeverity.Info)
                .WithSpan(5, 62, 5, 70)
                .WithMessage("\"5.9.99\" is not an enhanced status code of RFC 3463 or the IANA registry (X.9.99 is not defined): no server sends it"))
        .RunAsync();

    [Fact]
    public Task SystemNetMailAndResponseAndNamedStrings_Report() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;

        class C
        {
            bool M(System.Net.Mail.SmtpException ex, SmtpResponse response, string lastSmtpResponse)
            {
                var text = response.Response;
                return ex.Message.IndexOf({|SMTP005:"5.7.1"|}, StringComparison.Ordinal) >= 0
                    || text.StartsWith({|SMTP005:"2.1.5"|})
                    || lastSmtpResponse.Contains({|SMTP005:"4.7.0"|})
                    || {|SMTP005:"5.2.2"|}.Equals(ex.Message);
            }
        }
        """);

    [Fact]
    public Task VersionStrings_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Reflection;
        using MailKit.Net.Smtp;

        class C
        {
            bool M(string smtpServerVersion, string version) =>
                typeof(SmtpClient).Assembly.GetName().Version!.ToString() == "5.1.1"
                || smtpServerVersion.StartsWith("4.2.2") || version == "5.7.1"
                || typeof(C).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version == "2.1.5";
        }
        """);

    [Fact]
    public Task NotAnEnhancedCodeOrNotExactlyOne_IsSilent() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool M(SmtpCommandException ex) =>
                ex.Message.Contains("3.1.1") || ex.Message.Contains("5.1") || ex.Message.Contains("5.1.1.1")
                || ex.Message.Contains("5.1234.1") || ex.Message.Contains("5.1.1 ") || ex.Message.Contains("v5.1.1")
                || ex.Message.EndsWith("5.1.1");
        }
        """);

    [Fact]
    public Task NonSmtpTextAndConstants_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Http;
        using MailKit.Net.Smtp;

        class C
        {
            const string UnknownUser = "5.1.1";

            bool M(HttpRequestException ex, string httpBody, string smtpLogLine) =>
                ex.Message.Contains("5.1.1") || httpBody.Contains("5.7.1") || smtpLogLine.Contains("4.2.2");
        }
        """);

    [Theory]
    [InlineData("5.1.1", 5, 1, 1)]
    [InlineData("4.2.2", 4, 2, 2)]
    [InlineData("2.0.0", 2, 0, 0)]
    [InlineData("5.123.999", 5, 123, 999)]
    public void Candidate_IsClassSubjectDetail(string text, int statusClass, int subject, int detail)
    {
        var token = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.Literal(text);
        Assert.True(ReplyTextContext.IsEnhancedCodeCandidate(token, out var c, out var s, out var d));
        Assert.Equal((statusClass, subject, detail), (c, s, d));
    }
}
