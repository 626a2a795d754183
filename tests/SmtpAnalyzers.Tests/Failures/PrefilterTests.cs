using Smtp001 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.MagicReplyCodeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp002 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyCodeTextAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp101 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnhandledSendAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.Failures;

/// <summary>
/// The contract of the text prefilters: they only skip what no rule can use. The literal scan looks at the
/// literals whose value starts with a digit, however the digit is written; the search for sends finds every
/// name that is a send's, however it is written.
/// </summary>
public class PrefilterTests
{
    [Fact]
    public Task StringsWhoseFirstDigitIsWrittenAnyWay_AreScanned() => Smtp002.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            bool Plain(SmtpException ex) => ex.Message.StartsWith({|SMTP002:"421"|});
            bool Verbatim(SmtpException ex) => ex.Message.StartsWith({|SMTP002:@"450"|});
            bool UnicodeEscape(SmtpException ex) => ex.Message.StartsWith({|SMTP002:"\u0034\u0035\u0031"|});
            bool HexEscape(SmtpException ex) => ex.Message.StartsWith({|SMTP002:"\x34\x35\x32"|});
            bool MixedEscape(SmtpException ex) => ex.Message.StartsWith({|SMTP002:"\u003451 "|});
            bool NotADigit(SmtpException ex) => ex.Message.StartsWith("\u0041421");
        }
        """);

    [Fact]
    public Task NumbersWrittenAnyWay_AreScanned() => Smtp001.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Decimal(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
            bool Separated(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:4_21|};
            bool Small(SmtpCommandException ex) => (int)ex.StatusCode == 42;
        }
        """);

    [Fact]
    public Task SendNamesWrittenAnyWay_AreFound() => Smtp101.AnalyzerAsync("""
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            const string Accent = "\u00e9";

            void M(SmtpClient smtp, MimeMessage message)
            {
                {|SMTP101:smtp.Send(message)|};
                {|SMTP101:smtp.S\u0065nd(message)|};
                {|SMTP101:smtp.\u0053end(message)|};
                {|SMTP101:smtp.\u0053\u0065nd(message)|};
                {|SMTP101:smtp.Send\u0041sync(message)|};
                smtp.Sender(message);
            }
        }

        static class Extensions
        {
            public static void Sender(this SmtpClient smtp, MimeMessage message) { }
        }
        """);
}
