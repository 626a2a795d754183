using Microsoft.CodeAnalysis.Testing;
using Smtp002 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyCodeTextAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp101 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnhandledSendAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp102 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.DroppedTransientFailureAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp104 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnboundedRetryLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp105 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.SingleTransientCodeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.Failures;

/// <summary>
/// Wrong results that came from deciding control flow or names from the raw text (issue 17, B1-B5 and P8),
/// each pinned by the shape that showed it.
/// </summary>
public class RegressionTests
{
    /// <summary>B1: the <c>continue</c> of a loop inside the catch clause is not the retry loop's.</summary>
    [Fact]
    public Task B1_ContinueOfALoopInsideTheClause_IsNotARetry() => Smtp104.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, string[] admins)
            {
                while (true)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException)
                    {
                        foreach (var admin in admins)
                        {
                            if (admin.Length == 0)
                            {
                                continue;
                            }

                            Console.WriteLine(admin);
                        }

                        throw;
                    }
                }
            }
        }
        """);

    /// <summary>B2: the <c>break</c> of a <c>switch</c> inside the clause does not leave the clause.</summary>
    [Fact]
    public Task B2_BreakOfASwitchInsideTheClause_DoesNotGiveUp() => Smtp102.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    smtp.Send(message);
                }
                catch (SmtpCommandException ex)
                {
                    switch (ex.ErrorCode)
                    {
                        case SmtpErrorCode.RecipientNotAccepted:
                            Console.WriteLine("recipient refused");
                            break;
                        default:
                            Console.WriteLine("other");
                            break;
                    }

                    throw;
                }
            }
        }
        """);

    /// <summary>B3: a <c>continue</c> of a loop inside the clause is no retry: the clause still gives up.</summary>
    [Fact]
    public Task B3_ContinueOfALoopInsideTheClauseThenReturn_Reports() => Smtp102.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            bool M(SmtpClient smtp, MimeMessage message, string[] admins)
            {
                try
                {
                    smtp.Send(message);
                    return true;
                }
                {|SMTP102:catch|} (SmtpCommandException)
                {
                    foreach (var admin in admins)
                    {
                        if (admin.Length == 0)
                        {
                            continue;
                        }

                        Console.WriteLine(admin);
                    }

                    return false;
                }
            }
        }
        """);

    /// <summary>B4: a send named with a Unicode escape is a send.</summary>
    [Fact]
    public Task B4_SendWrittenWithAUnicodeEscape_ReportsSmtp101() => Smtp101.AnalyzerAsync("""
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message) => {|SMTP101:smtp.S\u0065nd(message)|};
        }
        """);

    /// <summary>B4: a status test written with a Unicode escape is a status test (SMTP102 stays silent).</summary>
    [Fact]
    public Task B4_StatusTestWrittenWithAUnicodeEscape_IsATest() => Smtp102.AnalyzerAsync("""
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            bool M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    smtp.Send(message);
                    return true;
                }
                catch (SmtpCommandException ex)
                {
                    if ((int)ex.\u0053tatusCode >= 500)
                    {
                        return false;
                    }

                    throw;
                }
            }
        }
        """);

    /// <summary>B4: a single-code test written with a Unicode escape is found (SMTP105).</summary>
    [Fact]
    public Task B4_SingleCodeTestWrittenWithAUnicodeEscape_ReportsSmtp105() => Smtp105.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException ex) when ({|SMTP105:ex.\u0053tatusCode == SmtpStatusCode.ServiceNotAvailable|})
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    /// <summary>
    /// B5: a reply code spelled with Unicode escapes in a string is still a reply code compared as text
    /// (System.Net.Mail's message starts with the reply; MailKit's never holds it, which SMTP006 reports).
    /// </summary>
    [Fact]
    public Task B5_ReplyCodeTextWrittenWithUnicodeEscapes_ReportsSmtp002() => Smtp002.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpException ex) => ex.Message.StartsWith({|SMTP002:"\u0034\u0032\u0031"|});
        }
        """);

    /// <summary>P8: a status held in a <c>long</c> is a status like one held in an <c>int</c>.</summary>
    [Theory]
    [InlineData("int")]
    [InlineData("long")]
    public Task P8_StatusHeldInAnyIntegerLocal_ReportsSmtp105(string type) => Smtp105.AnalyzerAsync($$"""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException ex)
                {
                    {{type}} s = ({{type}})ex.StatusCode;
                    if ({|SMTP105:s == 421|})
                    {
                        await smtp.SendAsync(message);
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;
            }
        }
        """);
}
