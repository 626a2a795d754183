using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyCodeInCodelessTextAnalyzer, SmtpAnalyzers.CodeFixes.ReplyCodeInCodelessTextFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>The SMTP006 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class ReplyCodeInCodelessTextFixerTests
{
    [Fact]
    public Task CommandExceptionMessageInCatchFilter_BecomesStatusComparison() => VerifyCS.FixAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task Send(SmtpClient client, MimeMessage message)
            {
                try
                {
                    await client.SendAsync(message);
                }
                catch (SmtpCommandException ex) when (ex.Message.Contains({|SMTP006:"421"|}))
                {
                    Console.WriteLine("The server is closing the connection: " + ex.Message);
                    throw;
                }
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task Send(SmtpClient client, MimeMessage message)
            {
                try
                {
                    await client.SendAsync(message);
                }
                catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                {
                    Console.WriteLine("The server is closing the connection: " + ex.Message);
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task NegatedTests_KeepTheirNegation() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool NotBusy(SmtpCommandException ex) => !ex.Message.StartsWith({|SMTP006:"421"|});

            bool NotOk(SmtpResponse response) => response.Response != {|SMTP006:"250"|};
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool NotBusy(SmtpCommandException ex) => ex.StatusCode != SmtpStatusCode.ServiceNotAvailable;

            bool NotOk(SmtpResponse response) => response.StatusCode != SmtpStatusCode.Ok;
        }
        """);

    [Fact]
    public Task BothEnumsInScope_QualifiesMailKitsMember() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpCommandException ex) => {|SMTP006:"450"|}.Equals(ex.Message);
        }
        """, """
        using MailKit.Net.Smtp;
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.StatusCode == MailKit.Net.Smtp.SmtpStatusCode.MailboxBusy;
        }
        """);

    // MailKit's enum has no member for 455.
    [Fact]
    public Task CodeWithoutMailKitMember_ComparesTheIntStatusWithSmtpReplyCodes() => VerifyCS.FixTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Unaccommodated(SmtpCommandException ex) => ex.Message.StartsWith({|SMTP006:"455"|});
        }
        """, """
        using MailKit.Net.Smtp;
        using TestProject;

        class C
        {
            bool Unaccommodated(SmtpCommandException ex) => (int)ex.StatusCode == SmtpReplyCodes.ServerUnableToAccommodateParameters;
        }
        """).RunAsync();

    // A send's result exists only after 250: the docs explain, no fix guesses. A local's exception and IndexOf
    // are out of the fix's reach too.
    [Fact]
    public Task SendResultLocalAndIndexOf_OfferNoFix()
    {
        const string Source = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class C
            {
                async Task<bool> Sent(SmtpClient smtp, MimeMessage message)
                {
                    var response = await smtp.SendAsync(message);
                    return response.StartsWith({|SMTP006:"250"|});
                }

                bool Rejected(SmtpCommandException ex)
                {
                    var text = ex.Message;
                    return text.StartsWith({|SMTP006:"550"|}) || ex.Message.IndexOf({|SMTP006:"550"|}) == 0;
                }
            }
            """;
        return VerifyCS.FixAsync(Source, Source);
    }
}
