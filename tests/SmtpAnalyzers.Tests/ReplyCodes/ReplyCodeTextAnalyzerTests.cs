using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyCodeTextAnalyzer, SmtpAnalyzers.CodeFixes.ReplyCodeTextFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>Where SMTP002 fires on reply codes compared as text, and the near misses where it must stay silent.</summary>
public class ReplyCodeTextAnalyzerTests
{
    // MailKit's texts never hold the code: SMTP006 reports them, never SMTP002 as well.
    [Fact]
    public Task MailKitTextsWithoutTheCode_AreLeftToSmtp006() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.Message.StartsWith("421") || ex.Message.Contains("450");

            bool Ok(SmtpResponse response) => response.Response == "250";

            async Task<bool> Sent(SmtpClient client, MimeMessage message)
            {
                var smtpResponse = await client.SendAsync(message);
                return smtpResponse.StartsWith("250");
            }
        }
        """);

    // Literals are found by searching the text for digits, passing over digits right after a letter: a string
    // written verbatim or in parentheses is still found.
    [Fact]
    public Task VerbatimString_Reports() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpException ex) => ex.Message.StartsWith({|SMTP002:@"421"|}) || ex.Message.StartsWith({|SMTP002:"450 "|}) || ex.Message.StartsWith(({|SMTP002:"452"|}));
        }
        """);

    [Fact]
    public Task Message_NamesTheReplyItsClassAndTheStatusComparison() => VerifyCS.AnalyzerTest("""
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpException ex) => ex.Message.StartsWith("421");
        }
        """).WithExpected(
            new DiagnosticResult("SMTP002", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithSpan(5, 58, 5, 63)
                .WithMessage("\"421\" compares the SMTP reply 'Service not available' (transient 4xx) as text: compare StatusCode with SmtpStatusCode.ServiceNotAvailable"))
        .RunAsync();

    [Fact]
    public Task SystemNetMailMessageContainsCodeOrEquals_Reports() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Mail;

        class C
        {
            bool Full(SmtpException ex) => ex.Message.Contains({|SMTP002:"552"|})
                || {|SMTP002:"550"|}.Equals(ex.Message)
                || string.Equals(ex.Message, {|SMTP002:"450 "|}, StringComparison.Ordinal);
        }
        """);

    [Fact]
    public Task LocalInitialisedFromMessage_ReportsIndexOfToo() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            bool Rejected(SmtpException ex)
            {
                var text = ex.Message;
                return text.IndexOf({|SMTP002:"550"|}) >= 0;
            }
        }
        """);

    [Fact]
    public Task StringsNamedForAReply_Report() => VerifyCS.AnalyzerAsync("""
        class C
        {
            string lastSmtpResponse = "";

            string SmtpReply { get; set; } = "";

            bool M(string smtpReply) => smtpReply.StartsWith({|SMTP002:"250-"|})
                || lastSmtpResponse.StartsWith({|SMTP002:"221"|})
                || SmtpReply == {|SMTP002:"421"|};
        }
        """);

    [Fact]
    public Task FirstThreeCharactersOfReplyLine_Reports() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool ReadyForData(string smtpResponse)
            {
                var line = smtpResponse;
                return line.Substring(0, 3) == {|SMTP002:"354"|} || line.Substring(0, 3).Equals({|SMTP002:"250"|});
            }
        }
        """);

    [Fact]
    public Task ConfiguredNamePattern_AppliesToStrings() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool M(string relayAnswer) => relayAnswer.StartsWith({|SMTP002:"421"|});
        }
        """, "smtp_analyzers.reply_code_name_pattern = answer$\n");

    [Fact]
    public Task PricesAndOtherNumbersInNonSmtpStrings_AreSilent() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool M(string price, string priceText, string statusCode, string orderReply)
            {
                var total = "250";
                return price == "250" || priceText.StartsWith("250 ") || total.Contains("421")
                    || statusCode == "550" || orderReply.StartsWith("421");
            }
        }
        """);

    [Fact]
    public Task HttpBodiesAndNonSmtpExceptions_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Http;
        using MailKit.Net.Smtp;

        class C
        {
            bool M(HttpRequestException ex, string httpResponseBody, string responseBody) =>
                ex.Message.Contains("503") || httpResponseBody.StartsWith("500") || responseBody == "421";
        }
        """);

    [Fact]
    public Task LogLinesAndVersionStrings_AreSilent() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool M(string smtpLogLine, string smtpServerVersion, string smtpReplyTimeout) =>
                smtpLogLine.Contains("421") || smtpServerVersion.StartsWith("220") || smtpReplyTimeout == "250";
        }
        """);

    [Fact]
    public Task NotACodeOrNotAComparison_IsSilent() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool M(SmtpCommandException ex) =>
                ex.Message.StartsWith("299") || ex.Message.StartsWith("4211") || ex.Message.StartsWith("421x")
                || ex.Message.StartsWith("42") || ex.Message.EndsWith("421") || ex.Message.Replace("421", "") == ""
                || ex.Message.Substring(1, 3) == "421" || ex.Message.StartsWith("Error 421");
        }
        """);

    [Fact]
    public Task MessageOfSmtpProtocolException_IsSilent() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            // SmtpProtocolException carries no reply: its message describes a broken exchange.
            bool M(SmtpProtocolException ex) => ex.Message.Contains("421");
        }
        """);

    [Fact]
    public Task StringNamedReplyWithoutSmtp_IsSilent() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool M(string reply) => reply.StartsWith("421");
        }
        """);

    [Fact]
    public async Task IncompleteCode_DoesNotThrow()
    {
        var test = VerifyCS.AnalyzerTest("""
            using MailKit.Net.Smtp;

            class C
            {
                bool M(SmtpCommandException ex, string smtpReply) => ex.Message.StartsWith("421" || smtpReply.Substring(0, ) == "354" || "5.1.1".Equals(;
            }
            """);
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
