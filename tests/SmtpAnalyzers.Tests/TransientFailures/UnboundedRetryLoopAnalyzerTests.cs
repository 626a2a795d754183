using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnboundedRetryLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP104 fires, what it says, and the near misses where it must stay silent.</summary>
public class UnboundedRetryLoopAnalyzerTests
{
    private static DiagnosticResult Smtp104(int markup, string problem) =>
        new DiagnosticResult(RuleIds.UnboundedRetry, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage("This retry loop around an SMTP send " + problem);

    [Fact]
    public Task BoundedForLoopWithoutDelay_ReportsTheForKeyword() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                {|#0:for|} (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """).WithExpected(Smtp104(0, "has no delay between attempts"))
        .RunAsync();

    [Fact]
    public Task WhileTrueWithDelayButNoCounter_ReportsNoBound() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                {|#0:while|} (true)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        break;
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(5000);
                    }
                }
            }
        }
        """).WithExpected(Smtp104(0, "has no bound on the number of attempts"))
        .RunAsync();

    [Fact]
    public Task WhileNotSentWithNeitherDelayNorCounter_ReportsBoth() => VerifyCS.AnalyzerTest("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                var sent = false;
                {|#0:while|} (!sent)
                {
                    try
                    {
                        smtp.Send(message);
                        sent = true;
                    }
                    catch (SmtpProtocolException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }
        }
        """).WithExpected(Smtp104(0, "has no delay between attempts and no bound on their number"))
        .RunAsync();

    [Fact]
    public Task InfiniteForAndDoWhileTrue_Report() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                {|SMTP104:for|} (;;)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpException) { Thread.Sleep(1000); }
                }
            }

            void N(SmtpClient smtp, MailMessage message)
            {
                {|SMTP104:do|}
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpException) { continue; }
                }
                while (true);
            }
        }
        """);

    [Fact]
    public Task BoundedLoopWithAwaitedDelay_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 4; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500 && attempt < 4)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task WhileTrueWithCounterComparedInTheBodyAndSleep_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        smtp.Send(message);
                        return;
                    }
                    catch (SmtpCommandException)
                    {
                        if (++attempts >= 5)
                        {
                            throw;
                        }

                        Thread.Sleep(attempts * 1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task LoopsOverMessages_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, ConcurrentQueue<MimeMessage> queue, IReadOnlyList<MimeMessage> batch)
            {
                while (queue.TryDequeue(out var message))
                {
                    try { smtp.Send(message); }
                    catch (SmtpCommandException ex) { Console.WriteLine(ex); }
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    try { smtp.Send(batch[i]); }
                    catch (SmtpCommandException ex) { Console.WriteLine(ex); }
                }

                foreach (var next in batch)
                {
                    try { smtp.Send(next); }
                    catch (SmtpCommandException ex) { Console.WriteLine(ex); }
                }
            }
        }
        """);

    [Fact]
    public Task LoopsWithoutASend_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            async Task M(HttpClient http)
            {
                while (true)
                {
                    try { await http.SendAsync(new HttpRequestMessage()); return; }
                    catch (HttpRequestException) { }
                }
            }
        }
        """);

    [Fact]
    public Task LoopWhoseCatchAlwaysRethrowsOrThatHasNoCatchOfTheFailures_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                while (true)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpCommandException) { throw; }
                }
            }

            void N(SmtpClient smtp, MimeMessage message)
            {
                while (true)
                {
                    try { smtp.Send(message); return; }
                    catch (ArgumentException) { }
                }
            }
        }
        """);

    [Fact]
    public Task OuterLoopAroundARetryLoop_ReportsOnlyTheInnerLoop() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, int rounds)
            {
                for (var round = 0; round < rounds; round++)
                {
                    await Task.Delay(100);
                    {|SMTP104:while|} (true)
                    {
                        try { await smtp.SendAsync(message); break; }
                        catch (SmtpCommandException) { await Task.Delay(1000); }
                    }
                }
            }
        }
        """);

    [Fact]
    public Task DelayInsideADeadlineLoop_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                var deadline = DateTime.UtcNow.AddMinutes(10);
                while (DateTime.UtcNow < deadline)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException) { await Task.Delay(TimeSpan.FromMinutes(1)); }
                }
            }
        }
        """);

    /// <summary>
    /// A retry loop and a recursive retry around a send one or two calls away (issue 17): the call of an
    /// <c>IEmailSender</c> implemented in the compilation, and of a private helper that sends, is a send.
    /// </summary>
    [Fact]
    public Task RetryAroundASendWrapperWithoutDelayOrBound_Reports() => VerifyCS.AnalyzerTest(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender)
        {
            public async Task NotifyAsync(MimeMessage message)
            {
                {|#0:while|} (true)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        return;
                    }
                    catch (SmtpCommandException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }

            public async Task RemindAsync(ISmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await SendReminderAsync(smtp, message);
                }
                catch (SmtpCommandException)
                {
                    await Task.Delay(2000);
                    await {|#1:RemindAsync(smtp, message)|};
                }
            }

            private static Task SendReminderAsync(ISmtpClient smtp, MimeMessage message) => smtp.SendAsync(message);
        }
        """).WithExpected(
            Smtp104(0, "has no delay between attempts and no bound on their number"),
            new DiagnosticResult(RuleIds.UnboundedRetry, DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("This recursive retry of an SMTP send has no bound on the number of attempts"))
        .RunAsync();

    /// <summary>
    /// Near misses around calls named like a send wrapper: one that handles its failures itself, one that only queues the
    /// message, and a loop around a real wrapper that waits and gives up after three attempts.
    /// </summary>
    [Fact]
    public Task RetryAroundAWrapperThatLetsNoFailureOutOrThatWaitsAndIsBounded_IsSilent() => VerifyCS.AnalyzerAsync(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender, QuietSender quiet, Outbox outbox)
        {
            public async Task QuietlyAsync(MimeMessage message)
            {
                while (true)
                {
                    try
                    {
                        await quiet.SendQuietlyAsync(message);
                        return;
                    }
                    catch (SmtpCommandException)
                    {
                    }
                }
            }

            public async Task LaterAsync(MimeMessage message)
            {
                try
                {
                    await outbox.SendLaterAsync(message);
                }
                catch (SmtpCommandException)
                {
                    await LaterAsync(message);
                }
            }

            public async Task BoundedAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        return;
                    }
                    catch (SmtpCommandException ex) when (attempt < 3 && (int)ex.StatusCode < 500)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }
        }
        """);

    /// <summary>
    /// A periodic job around a send wrapper that builds its message itself (<c>SendDigestAsync()</c>, handed nothing
    /// or only a cancellation token): each turn sends what is due, not the same message again, so the loop retries nothing.
    /// </summary>
    [Fact]
    public Task PeriodicJobAroundAWrapperHandedNoMessage_IsSilent() => VerifyCS.AnalyzerAsync(SendWrapperSources.PeriodicJob);
}
