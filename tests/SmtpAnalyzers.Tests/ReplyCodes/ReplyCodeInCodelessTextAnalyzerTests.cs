using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyCodeInCodelessTextAnalyzer, SmtpAnalyzers.CodeFixes.ReplyCodeInCodelessTextFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>Where SMTP006 fires on reply codes looked for in MailKit's texts without the code, and where it must stay silent.</summary>
public class ReplyCodeInCodelessTextAnalyzerTests
{
    private static DiagnosticResult Smtp006(int markup, string message) =>
        new DiagnosticResult(RuleIds.ReplyCodeInCodelessText, DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);

    [Fact]
    public Task CommandExceptionMessage_ReportsEverySearch() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) =>
                ex.Message.StartsWith({|SMTP006:"421"|}) || ex.Message.Contains({|SMTP006:@"450"|})
                || ex.Message.IndexOf(({|SMTP006:"452 "|})) >= 0 || {|SMTP006:"451"|}.Equals(ex.Message);
        }
        """);

    [Fact]
    public Task CommandExceptionMessage_MessageNamesTheStatusComparison() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.Message.Contains({|#0:"421"|});
        }
        """).WithExpected(Smtp006(0,
            "\"421\" is looked for in SmtpCommandException.Message, which never holds the reply code, so the test always fails: compare StatusCode with SmtpStatusCode.ServiceNotAvailable"))
        .RunAsync();

    [Fact]
    public Task ResponseText_ReportsEqualityAndPrefixTests() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Ok(SmtpResponse response) =>
                response.Response == {|SMTP006:"250"|} || {|SMTP006:"354"|} != response.Response
                || response.Response.Substring(0, 3) == {|SMTP006:"250"|};
        }
        """);

    // The defect seen in a real app: every delivered message was logged as unexpected.
    [Fact]
    public Task SendResultThroughALocal_ReportsAndSaysTheSendSucceeded() => VerifyCS.AnalyzerTest("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task Send(SmtpClient smtp, MimeMessage message)
            {
                var response = await smtp.SendAsync(message);
                if (!response.StartsWith({|#0:"250"|}))
                {
                    Console.WriteLine("unexpected: " + response);
                }
            }
        }
        """).WithExpected(Smtp006(0,
            "\"250\" is looked for in the text SendAsync returns, which never holds the reply code, so the test always fails: a send returns only after the server accepted the message with 250, so remove the test"))
        .RunAsync();

    [Fact]
    public Task SendResultsOfEveryMailKitClient_Report() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            bool Sync(SmtpClient client, MimeMessage message) => client.Send(message).Contains({|SMTP006:"250"|});

            async Task<bool> Interface(ISmtpClient client, MimeMessage message) =>
                (await client.SendAsync(message).ConfigureAwait(false)).StartsWith({|SMTP006:"250 "|});

            async Task<bool> Transport(IMailTransport transport, MimeMessage message)
            {
                string smtpResponse = await transport.SendAsync(message);
                return smtpResponse == {|SMTP006:"250"|};
            }
        }
        """);

    [Fact]
    public Task LocalInitialisedFromCommandExceptionMessage_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Rejected(SmtpCommandException ex)
            {
                var text = ex.Message;
                return text.IndexOf({|SMTP006:"550"|}) >= 0;
            }
        }
        """);

    // Texts that may hold the code are SMTP002's: System.Net.Mail's message, strings named as replies.
    [Fact]
    public Task TextsThatMayHoldTheCode_AreLeftToSmtp002() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            string lastSmtpResponse = "";

            bool M(SmtpException ex, string smtpReply) =>
                ex.Message.Contains("552") || smtpReply.StartsWith("250") || lastSmtpResponse == "421";
        }
        """);

    // Near misses: other libraries' results and messages, a send of the project, texts searched for something
    // other than a code or in another way.
    [Fact]
    public Task OtherTextsAndOtherSearches_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Gateway
        {
            public Task<string> SendAsync(MimeMessage message) => Task.FromResult("250 OK");
        }

        class C
        {
            async Task<bool> M(Gateway gateway, HttpClient http, MimeMessage message, SmtpProtocolException broken, SmtpCommandException ex)
            {
                var response = await gateway.SendAsync(message);
                var body = await http.GetStringAsync("https://example.com/status");
                return response.StartsWith("250") || body.Contains("421") || broken.Message.Contains("421")
                    || ex.Message.StartsWith("299") || ex.Message.EndsWith("421") || ex.Message.StartsWith("Error 421")
                    || ex.Message.StartsWith("5.1.1");
            }
        }
        """);
}
