using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.SendAfterSuccessLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP107 fires, what it says, and the near misses where it must stay silent.</summary>
public class SendAfterSuccessLoopAnalyzerTests
{
    private static DiagnosticResult Smtp107(int markup, string send) =>
        new DiagnosticResult(RuleIds.SendAfterSuccessLoop, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithMessage($"This retry loop goes round again after '{send}' succeeds: nothing leaves the loop once the message is sent, so each further turn mails the recipients again");

    [Fact]
    public Task BoundedDelayedTransientOnlyForWithoutBreak_ReportsTheForKeyword() => VerifyCS.AnalyzerTest("""
        using System;
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
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500 && attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * attempt));
                    }
                }
            }
        }
        """).WithExpected(Smtp107(0, "smtp.SendAsync"))
        .RunAsync();

    [Fact]
    public Task WhileTrueWithNoBreak_ReportsTheWhileKeyword() => VerifyCS.AnalyzerTest("""
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                {|#0:while|} (true)
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
        """).WithExpected(Smtp107(0, "smtp.Send"))
        .RunAsync();

    [Fact]
    public Task DoLoopOverSystemNetMailWithoutExit_ReportsTheDoKeyword() => VerifyCS.AnalyzerTest("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                var attempt = 0;
                {|#0:do|}
                {
                    attempt++;
                    try
                    {
                        smtp.Send(message);
                    }
                    catch (SmtpException)
                    {
                        Thread.Sleep(1000);
                    }
                }
                while (attempt < 3);
            }
        }
        """).WithExpected(Smtp107(0, "smtp.Send"))
        .RunAsync();

    [Fact]
    public Task SendInsideAnIfWhoseBranchFallsThrough_Reports() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message, bool ready)
            {
                {|#0:for|} (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        if (ready)
                        {
                            await smtp.SendAsync(message);
                        }
                        else
                        {
                            return;
                        }
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """).WithExpected(Smtp107(0, "smtp.SendAsync"))
        .RunAsync();

    [Fact]
    public Task BreakAfterTheSend_IsSilent() => VerifyCS.AnalyzerAsync("""
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
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ReturnAfterTheSendOrOfTheSend_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(ISmtpClient smtp, MimeMessage message)
            {
                while (true)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return true;
                    }
                    catch (SmtpProtocolException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            async Task<string> N(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await smtp.SendAsync(message);
                    }
                    catch (SmtpCommandException) when (attempt < 2)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task BreakAfterTheTry_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        smtp.Send(message);
                    }
                    catch (SmtpCommandException)
                    {
                        Thread.Sleep(1000);
                        continue;
                    }

                    break;
                }
            }
        }
        """);

    [Fact]
    public Task SuccessExitsThroughAFlagTheConditionTests_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                var sent = false;
                var attempt = 0;
                while (!sent && attempt < 3)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        sent = true;
                    }
                    catch (SmtpCommandException)
                    {
                        attempt++;
                        await Task.Delay(1000);
                    }
                }

                for (var turn = 0; !sent && turn < 3; turn++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        sent = true;
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task FlagTheConditionDoesNotTest_Reports() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                var sent = false;
                {|#0:for|} (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        sent = true;
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """).WithExpected(Smtp107(0, "smtp.SendAsync"))
        .RunAsync();

    [Fact]
    public Task ForeachOverMessages_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, IEnumerable<MimeMessage> messages)
            {
                foreach (var message in messages)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task LoopOverAQueueOfMessages_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, ConcurrentQueue<MimeMessage> queue)
            {
                while (queue.TryDequeue(out var message))
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task LoopWithoutCatch_IsNotARetryAndIsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                for (var copy = 0; copy < 3; copy++)
                {
                    await smtp.SendAsync(message);
                }

                for (var copy = 0; copy < 3; copy++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    finally
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task HandlerThatRethrows_IsNotARetryAndIsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                for (var copy = 0; copy < 3; copy++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    catch (SmtpCommandException)
                    {
                        throw;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task LoopAroundAHelperNotNamedLikeASend_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await DeliverAsync(smtp, message);
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }

            private static Task DeliverAsync(ISmtpClient smtp, MimeMessage message) => smtp.SendAsync(message);
        }
        """);

    private const string TestMethodSource = """
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        namespace Xunit { public class FactAttribute : System.Attribute { } }

        class Tests
        {
            [Xunit.Fact]
            public async Task Sends(ISmtpClient smtp, MimeMessage message)
            {
                {|#0:for|} (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """;

    [Fact]
    public Task RetryLoopInATestMethod_IsSilentByDefault() =>
        VerifyCS.AnalyzerAsync(TestMethodSource.Replace("{|#0:for|}", "for"));

    [Fact]
    public Task RetryLoopInATestMethod_ReportsWhenTheOptionTurnsTheRulesOn() =>
        VerifyCS.AnalyzerTest(TestMethodSource, "smtp_analyzers.transient_rules_in_tests = true\n")
            .WithExpected(Smtp107(0, "smtp.SendAsync"))
            .RunAsync();

    /// <summary>
    /// A retry loop that goes round after a send one or two calls away succeeded (issue 17): the call of an
    /// <c>IEmailSender</c> implemented in the compilation, and of a private helper that calls it (a wrapper of a
    /// wrapper), is a send.
    /// </summary>
    [Fact]
    public Task LoopAroundASendWrapperWithoutExit_Reports() => VerifyCS.AnalyzerTest(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender)
        {
            public async Task NotifyAsync(MimeMessage message)
            {
                {|#0:for|} (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }

            public async Task WelcomeAsync(MimeMessage message)
            {
                var attempt = 0;
                {|#1:while|} (attempt < 3)
                {
                    try
                    {
                        await SendWelcomeAsync(message);
                    }
                    catch (SmtpCommandException)
                    {
                        attempt++;
                        await Task.Delay(1000);
                    }
                }
            }

            private Task SendWelcomeAsync(MimeMessage message) => sender.SendEmailAsync(message);
        }
        """).WithExpected(Smtp107(0, "sender.SendEmailAsync"), Smtp107(1, "SendWelcomeAsync"))
        .RunAsync();

    /// <summary>
    /// Near misses around calls named like a send wrapper: one that handles its failures itself, one that only queues the
    /// message, and a loop around a real wrapper that leaves once it succeeded.
    /// </summary>
    [Fact]
    public Task LoopAroundAWrapperThatLetsNoFailureOut_OrThatLeavesAfterTheWrapper_IsSilent() => VerifyCS.AnalyzerAsync(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender, QuietSender quiet, Outbox outbox)
        {
            public async Task QuietlyAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await quiet.SendQuietlyAsync(message);
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000 * attempt);
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
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }

            public async Task LeavesAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        break;
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(1000 * attempt);
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
