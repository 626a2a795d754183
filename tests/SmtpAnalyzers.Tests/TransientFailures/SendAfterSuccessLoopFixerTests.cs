using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.SendAfterSuccessLoopAnalyzer, SmtpAnalyzers.CodeFixes.SendAfterSuccessLoopFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>SMTP107's fix: <c>break;</c> after the send inside the try, only where nothing after the send is skipped.</summary>
public class SendAfterSuccessLoopFixerTests
{
    [Fact]
    public Task BoundedForLoop_BreaksRightAfterTheSend() => VerifyCS.FixAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                {|SMTP107:for|} (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500 && attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
                    }
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
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        break;
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500 && attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task WhileTrueWithTheResultKept_BreaksAfterTheDeclaration() => VerifyCS.FixAsync("""
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            string last = "";

            void M(SmtpClient smtp, MimeMessage message)
            {
                {|SMTP107:while|} (true)
                {
                    try
                    {
                        last = smtp.Send(message); // keep the server's answer
                    }
                    catch (SmtpProtocolException)
                    {
                        Thread.Sleep(2000);
                    }
                }
            }
        }
        """, """
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            string last = "";

            void M(SmtpClient smtp, MimeMessage message)
            {
                while (true)
                {
                    try
                    {
                        last = smtp.Send(message); // keep the server's answer
                        break;
                    }
                    catch (SmtpProtocolException)
                    {
                        Thread.Sleep(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task StatementAfterTheSendInTheTry_GetsNoFix()
    {
        const string source = """
            using System.Threading;
            using MailKit.Net.Smtp;
            using MimeKit;

            class C
            {
                void M(SmtpClient smtp, MimeMessage message)
                {
                    {|SMTP107:while|} (true)
                    {
                        try
                        {
                            smtp.Send(message);
                            Log("sent");
                        }
                        catch (SmtpProtocolException)
                        {
                            Thread.Sleep(2000);
                        }
                    }
                }

                static void Log(string text) { }
            }
            """;
        return VerifyCS.FixAsync(source, source);
    }

    [Fact]
    public Task StatementAfterTheTryInTheLoop_GetsNoFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class C
            {
                async Task M(ISmtpClient smtp, MimeMessage message)
                {
                    {|SMTP107:for|} (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await smtp.SendAsync(message);
                        }
                        catch (SmtpCommandException)
                        {
                            await Task.Delay(1000);
                        }

                        Audit(attempt);
                    }
                }

                static void Audit(int attempt) { }
            }
            """;
        return VerifyCS.FixAsync(source, source);
    }

    /// <summary>
    /// A retry loop around a send wrapper's call (issue 17): a wrapper lets every failure of its send out, so its call
    /// completing normally means the message went, and the loop leaves right after it.
    /// </summary>
    [Fact]
    public Task LoopAroundASendWrapper_BreaksRightAfterTheWrapperCall() => VerifyCS.FixAsync(
        SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender)
        {
            public async Task NotifyAsync(MimeMessage message)
            {
                {|SMTP107:for|} (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500 && attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
                    }
                }
            }
        }
        """,
        SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender)
        {
            public async Task NotifyAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        break;
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500 && attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
                    }
                }
            }
        }
        """);
}
