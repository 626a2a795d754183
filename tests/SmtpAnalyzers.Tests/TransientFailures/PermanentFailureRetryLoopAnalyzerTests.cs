using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.PermanentFailureRetryLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP103 fires in retry loops, what it says, and the near misses where it must stay silent.</summary>
public class PermanentFailureRetryLoopAnalyzerTests
{
    private static DiagnosticResult Smtp103(int markup, string subject, string problem) =>
        new DiagnosticResult(RuleIds.PermanentFailureRetry, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage(subject + " retries permanent SMTP failures: " + problem);

    [Fact]
    public Task MailKitCatchFilteredOnTheAttemptOnly_ReportsTheCatchKeyword() => VerifyCS.AnalyzerTest("""
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
                        return;
                    }
                    {|#0:catch|} (SmtpCommandException ex) when (attempt < 3)
                    {
                        Console.WriteLine($"Attempt {attempt} failed: {ex.StatusCode}");
                        await Task.Delay(TimeSpan.FromSeconds(30 * attempt));
                    }
                }
            }
        }
        """).WithExpected(Smtp103(0, "This catch clause",
            "nothing tests the reply status before the loop goes round again, so a 500 (Syntax error, command unrecognized) is retried like a 4xx"))
        .RunAsync();

    /// <summary>
    /// <c>catch (Exception)</c> that singles out reply failures by type and retries them: a 550 is a
    /// <c>SmtpCommandException</c>, so the condition lets it go round again (an <c>IOException</c> test adds nothing).
    /// </summary>
    [Fact]
    public Task CatchAllThatTestsTheTypeAndRetries_ReportsTheCondition() => VerifyCS.AnalyzerTest("""
        using System;
        using System.IO;
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void ByCondition(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (Exception ex)
                    {
                        if ({|#0:ex is SmtpCommandException || ex is IOException|})
                        {
                            Thread.Sleep(2000 * attempt);
                            continue;
                        }

                        throw;
                    }
                }
            }

            void ByFilter(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (Exception ex) when ({|#1:attempt < 3 && ex is SmtpCommandException|})
                    {
                        Thread.Sleep(2000 * attempt);
                    }
                }
            }
        }
        """).WithExpected(
            Smtp103(0, "This condition", "it holds for 500 (Syntax error, command unrecognized), and the loop goes round again"),
            Smtp103(1, "This filter", "it holds for 500 (Syntax error, command unrecognized), and the loop goes round again"))
        .RunAsync();

    /// <summary>
    /// <c>catch (Exception)</c> near misses: a type test that keeps 5xx out (through the variable it declares), one
    /// that retries only a lost connection, one a <c>StatusCode</c> pattern narrows to 4xx, a clause that never asks
    /// the type (retrying every exception is its author's choice), and one whose reply failures an earlier clause
    /// without a filter already took.
    /// </summary>
    [Fact]
    public Task CatchAllThatKeepsPermanentRepliesOut_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void RethrowsPermanent(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (Exception ex) when (attempt < 3)
                    {
                        if (ex is SmtpCommandException command && (int)command.StatusCode >= 500)
                        {
                            throw;
                        }

                        Thread.Sleep(2000 * attempt);
                    }
                }
            }

            void RetriesLostConnectionsOnly(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (Exception ex) when (attempt < 3 && ex is not SmtpCommandException)
                    {
                        Thread.Sleep(2000 * attempt);
                    }
                }
            }

            void TransientOnly(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (Exception ex) when (attempt < 3 && ex is SmtpCommandException c && (int)c.StatusCode / 100 == 4)
                    {
                        Thread.Sleep(2000 * attempt);
                    }
                }
            }

            void NeverAsksTheType(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (Exception) when (attempt < 3)
                    {
                        Thread.Sleep(2000 * attempt);
                    }
                }
            }

            void TakenEarlier(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpCommandException)
                    {
                        throw;
                    }
                    catch (Exception ex) when (attempt < 3 && (ex is SmtpCommandException || ex is IOException))
                    {
                        Thread.Sleep(2000 * attempt);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task SystemNetMailWhileLoopWithContinue_ReportsTheCatchKeyword() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                var attempts = 0;
                while (attempts++ < 5)
                {
                    try { smtp.Send(message); return; }
                    {|SMTP103:catch|} (SmtpException)
                    {
                        Thread.Sleep(1000 * attempts);
                        continue;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task RethrowOfOneCodeOnly_ReportsTheCodesThatGetPast() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            private int _lastSmtpStatus;

            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    {|#0:catch|} (SmtpCommandException ex) when (attempt < 3)
                    {
                        _lastSmtpStatus = (int)ex.StatusCode;
                        if (_lastSmtpStatus == 550)
                        {
                            throw;
                        }

                        await Task.Delay(1000);
                    }
                }
            }
        }
        """).WithExpected(Smtp103(0, "This catch clause", "a 500 (Syntax error, command unrecognized) reply gets past its tests, and the loop goes round again"))
        .RunAsync();

    [Fact]
    public Task ConditionThatContinuesOnEveryFailure_ReportsTheCondition() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex)
                    {
                        if ({|#0:(int)ex.StatusCode >= 400|})
                        {
                            await Task.Delay(1000);
                            continue;
                        }

                        throw;
                    }
                }
            }
        }
        """).WithExpected(Smtp103(0, "This condition", "it holds for 500 (Syntax error, command unrecognized), and the loop goes round again"))
        .RunAsync();

    [Fact]
    public Task FilterThatAdmitsOtherPermanentCodes_ReportsTheFilter() => VerifyCS.AnalyzerTest("""
        using System.Threading;
        using System.Net.Mail;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpException ex) when ({|#0:ex.StatusCode != SmtpStatusCode.MailboxUnavailable|})
                    {
                        Thread.Sleep(1000);
                    }
                }
            }
        }
        """).WithExpected(Smtp103(0, "This filter", "it holds for 500 (Syntax error, command unrecognized), and the loop goes round again"))
        .RunAsync();

    [Fact]
    public Task ConditionOnAStatusCopiedToALocal_ReportsTheCondition() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, bool sent)
            {
                while (!sent)
                {
                    try { await smtp.SendAsync(message); sent = true; }
                    catch (SmtpCommandException ex)
                    {
                        var code = (int)ex.StatusCode;
                        if ({|SMTP103:code == 421 || code == 554|})
                        {
                            await Task.Delay(5000);
                            continue;
                        }

                        throw;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task TransientFilters_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task Division(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode / 100 == 4 && attempt < 3) { await Task.Delay(1000); }
                }
            }

            async Task Range(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode is >= 400 and < 500) { await Task.Delay(1000); }
                }
            }

            async Task Codes(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable || ex.StatusCode == SmtpStatusCode.MailboxBusy) { await Task.Delay(1000); }
                }
            }

            async Task Helper(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when (IsTransient((int)ex.StatusCode)) { await Task.Delay(1000); }
                }
            }

            static bool IsTransient(int reply) => reply / 100 == 4;
        }
        """);

    [Fact]
    public Task SystemNetMailGeneralFailureOrTransient_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpException ex) when (ex.StatusCode == SmtpStatusCode.GeneralFailure || (int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500)
                    {
                        Thread.Sleep(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task RethrowOnPermanentBeforeGoingRound_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task InTheBlock(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex)
                    {
                        if ((int)ex.StatusCode >= 500)
                        {
                            throw new InvalidOperationException("Rejected", ex);
                        }

                        await Task.Delay(1000);
                    }
                }
            }

            async Task InAnEarlierClause(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode / 100 == 5) { throw; }
                    catch (SmtpCommandException) { await Task.Delay(1000); }
                }
            }

            async Task ThroughAHelper(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex)
                    {
                        ThrowIfPermanent(ex);
                        await Task.Delay(1000);
                    }
                }
            }

            static void ThrowIfPermanent(SmtpCommandException ex) { }
        }
        """);

    [Fact]
    public Task DroppedConnectionsAndQueueWalks_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task Protocol(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpProtocolException) { await Task.Delay(1000); }
                }
            }

            async Task Queue(SmtpClient smtp, ConcurrentQueue<MimeMessage> queue)
            {
                while (queue.TryDequeue(out var next))
                {
                    try { await smtp.SendAsync(next); }
                    catch (SmtpCommandException ex) { Console.WriteLine(ex.Message); }
                }
            }

            async Task NoLoop(SmtpClient smtp, MimeMessage message)
            {
                try { await smtp.SendAsync(message); }
                catch (SmtpCommandException ex) { Console.WriteLine(ex.Message); }
            }
        }
        """);

    /// <summary>
    /// A retry loop around a send one or two calls away (issue 17): the call of an <c>IEmailSender</c> implemented in the
    /// compilation, and of a private helper that sends, is a send, and a clause that retries a 5xx reply through it is judged.
    /// </summary>
    [Fact]
    public Task LoopAroundASendWrapperThatRetriesEveryReply_ReportsTheCatchKeyword() => VerifyCS.AnalyzerAsync(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
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
                    {|SMTP103:catch|} (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }

            public async Task RemindAsync(ISmtpClient smtp, MimeMessage message)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        await SendReminderAsync(smtp, message);
                        return;
                    }
                    {|SMTP103:catch|} (SmtpCommandException ex) when (attempt++ < 3)
                    {
                        Console.WriteLine(ex.Message);
                        await Task.Delay(2000);
                    }
                }
            }

            private static Task SendReminderAsync(ISmtpClient smtp, MimeMessage message) => smtp.SendAsync(message);
        }
        """);

    /// <summary>
    /// Near misses around calls named like a send wrapper: one that handles its failures itself (nothing escapes to the
    /// loop), one that only queues the message, and a loop around a real wrapper whose clause retries the 4xx replies alone.
    /// </summary>
    [Fact]
    public Task LoopAroundAWrapperThatLetsNoFailureOutOrWithATransientFilter_IsSilent() => VerifyCS.AnalyzerAsync(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender, QuietSender quiet, Outbox outbox)
        {
            public async Task QuietlyAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await quiet.SendQuietlyAsync(message);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }

            public async Task LaterAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await outbox.SendLaterAsync(message);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }

            public async Task TransientOnlyAsync(MimeMessage message)
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
