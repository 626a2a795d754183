using LoopVerify = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.PermanentFailureRetryLoopAnalyzer, SmtpAnalyzers.CodeFixes.PermanentFailureRetryFixer>;
using PolicyVerify = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.PermanentFailureRetryPolicyAnalyzer, SmtpAnalyzers.CodeFixes.PermanentFailureRetryFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>The SMTP103 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class PermanentFailureRetryFixerTests
{
    [Fact]
    public Task CatchFilteredOnTheAttempt_GetsTheTransientTestJoinedWithAnd() => LoopVerify.FixTest("""
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
                        return;
                    }
                    // Greylisting clears after a few minutes.
                    {|SMTP103:catch|} (SmtpCommandException ex) when (attempt < 3)
                    {
                        await Task.Delay(60000 * attempt); // wait
                    }
                }
            }
        }
        """, """
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using TestProject;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    // Greylisting clears after a few minutes.
                    catch (SmtpCommandException ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        await Task.Delay(60000 * attempt); // wait
                    }
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task SystemNetMailCatchWithoutVariable_GetsAVariableAndTheOneTransientTest() => LoopVerify.FixTest("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            void M(SmtpClient smtp, MailMessage message, int ex)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    {|SMTP103:catch|} (SmtpException)
                    {
                        Thread.Sleep(1000);
                    }
                }
            }
        }
        """, """
        using System.Net.Mail;
        using System.Threading;
        using TestProject;

        class C
        {
            void M(SmtpClient smtp, MailMessage message, int ex)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpException exception) when (SmtpFailures.IsTransient(exception))
                    {
                        Thread.Sleep(1000);
                    }
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task OrFilter_IsParenthesizedBeforeTheTransientTest() => LoopVerify.FixTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, bool urgent)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    {|SMTP103:catch|} (SmtpCommandException ex) when (urgent || attempt < 2) { await Task.Delay(1000); }
                }
            }
        }
        """, """
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using TestProject;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, bool urgent)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when ((urgent || attempt < 2) && SmtpFailures.IsTransient(ex)) { await Task.Delay(1000); }
                }
            }
        }
        """).RunAsync();

    [Fact]
    public Task PollyHandlers_GetATransientPredicate_FixAll() => PolicyVerify.FixTest("""
        using System;
        using System.Net.Mail;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;

        class C
        {
            IAsyncPolicy V7 = Policy.{|SMTP103:Handle<SmtpCommandException>()|}
                .Or<SmtpProtocolException>()
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ISyncPolicy Legacy = Policy.Handle<System.IO.IOException>().{|SMTP103:Or<SmtpException>()|}.WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ResiliencePipeline V8 = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().{|SMTP103:Handle<SmtpCommandException>()|}, // 4xx only
                    Delay = TimeSpan.FromSeconds(30),
                })
                .Build();
        }
        """, """
        using System;
        using System.Net.Mail;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;
        using TestProject;

        class C
        {
            IAsyncPolicy V7 = Policy.Handle<SmtpCommandException>(ex => SmtpFailures.IsTransient(ex))
                .Or<SmtpProtocolException>()
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ISyncPolicy Legacy = Policy.Handle<System.IO.IOException>().Or<SmtpException>(ex => SmtpFailures.IsTransient(ex)).WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ResiliencePipeline V8 = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpCommandException>(ex => SmtpFailures.IsTransient(ex)), // 4xx only
                    Delay = TimeSpan.FromSeconds(30),
                })
                .Build();
        }
        """).RunAsync();

    [Fact]
    public Task ConditionThatAdmitsPermanentCodes_HasNoFix() => LoopVerify.FixTest("""
        using System.Threading;
        using System.Net.Mail;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpException ex) when ({|SMTP103:ex.StatusCode != SmtpStatusCode.MailboxUnavailable|}) { Thread.Sleep(1000); }
                }
            }
        }
        """, """
        using System.Threading;
        using System.Net.Mail;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpException ex) when ({|SMTP103:ex.StatusCode != SmtpStatusCode.MailboxUnavailable|}) { Thread.Sleep(1000); }
                }
            }
        }
        """).RunAsync();

    /// <summary>
    /// A <c>catch (Exception)</c> that tests the type gets no filter: <c>SmtpFailures.IsTransient(ex)</c> would also stop
    /// the retries of every other exception it catches (a <c>SocketException</c> from the connect, say).
    /// </summary>
    [Fact]
    public Task CatchAllThatTestsTheType_HasNoFix() => LoopVerify.FixTest(CatchAllThatTestsTheType, CatchAllThatTestsTheType).RunAsync();

    private const string CatchAllThatTestsTheType = """
        using System;
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    {|SMTP103:catch|} (Exception ex) when (attempt < 3)
                    {
                        if (ex is SmtpCommandException command && command.StatusCode == SmtpStatusCode.MailboxUnavailable)
                        {
                            throw;
                        }

                        Thread.Sleep(2000 * attempt);
                    }
                }
            }
        }
        """;

    /// <summary>
    /// A retry loop around a send wrapper's call (issue 17): the filter goes on the caller's clause, which the wrapper's
    /// failures reach unchanged, so the fix is as safe as around the send itself.
    /// </summary>
    [Fact]
    public Task LoopAroundASendWrapper_GetsTheTransientTest() => LoopVerify.FixTest(
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
                        return;
                    }
                    {|SMTP103:catch|} (SmtpCommandException ex) when (attempt < 3)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }
        }
        """,
        SendWrapperSources.Usings.Replace("using MimeKit;\n", "using MimeKit;\nusing TestProject;\n") + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender)
        {
            public async Task NotifyAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        return;
                    }
                    catch (SmtpCommandException ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }
        }
        """).RunAsync();
}
