using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnboundedRetryLoopAnalyzer, SmtpAnalyzers.CodeFixes.UnboundedRetryFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>The SMTP104 loop fix: the output must be exactly this, and the test harness compiles it.</summary>
public class UnboundedRetryFixerLoopTests
{
    [Fact]
    public Task BoundedForLoopWithoutDelay_AwaitsAnExponentialDelayOnTheCounterWithTheToken() => VerifyCS.FixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message, CancellationToken cancellationToken)
            {
                // Three tries.
                {|SMTP104:for|} (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message, cancellationToken);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                    }
                }
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message, CancellationToken cancellationToken)
            {
                // Three tries.
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message, cancellationToken);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())), cancellationToken);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ZeroBasedCounterAndContinue_DelaysBeforeTheContinueWithoutAToken() => VerifyCS.FixAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                {|SMTP104:for|} (var i = 0; i < 4; i++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    catch (SmtpProtocolException ex)
                    {
                        Console.WriteLine(ex.Message);
                        if (i < 3) continue;
                        throw;
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
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                for (var i = 0; i < 4; i++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    catch (SmtpProtocolException ex)
                    {
                        Console.WriteLine(ex.Message);
                        if (i < 3)
                        {
                            await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, i) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                            continue;
                        }
                        throw;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task WhileTrueWithDelay_CountsFailuresAndRethrowsTheThird() => VerifyCS.FixAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                {|SMTP104:while|} (true)
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
        """, """
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                var failedAttempts = 0;
                while (true)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        break;
                    }
                    catch (SmtpCommandException)
                    {
                        if (++failedAttempts >= 3)
                        {
                            throw;
                        }

                        await Task.Delay(5000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task SynchronousLoopWithNeither_SleepsOnTheNewCounterAndBoundsIt() => VerifyCS.FixAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                var sent = false;

                // Until it goes through.
                {|SMTP104:while|} (!sent)
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
        """, """
        using System;
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                var sent = false;

                // Until it goes through.
                var failedAttempts = 0;
                while (!sent)
                {
                    try
                    {
                        smtp.Send(message);
                        sent = true;
                    }
                    catch (SmtpProtocolException ex)
                    {
                        if (++failedAttempts >= 3)
                        {
                            throw;
                        }

                        Console.WriteLine(ex.Message);
                        Thread.Sleep(TimeSpan.FromSeconds(2 * Math.Pow(2, failedAttempts - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task SystemNetMailDoWhileTrueWithContinueAndTakenName_UsesAFreeCounterName() => VerifyCS.FixAsync("""
        using System.Net.Mail;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(SmtpClient smtp, MailMessage message, int failedAttempts, CancellationToken ct)
            {
                {|SMTP104:do|}
                {
                    try { await smtp.SendMailAsync(message, ct); return; }
                    catch (SmtpException) { continue; }
                }
                while (true);
            }
        }
        """, """
        using System;
        using System.Net.Mail;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task M(SmtpClient smtp, MailMessage message, int failedAttempts, CancellationToken ct)
            {
                var failedAttempts2 = 0;
                do
                {
                    try { await smtp.SendMailAsync(message, ct); return; }
                    catch (SmtpException)
                    {
                        if (++failedAttempts2 >= 3)
                        {
                            throw;
                        }

                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, failedAttempts2 - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())), ct);
                        continue;
                    }
                }
                while (true);
            }
        }
        """);

    [Fact]
    public Task DeadlineLoopWithoutDelayOnOneLine_WaitsTheJitteredBaseDelayOnALineOfItsOwn() => VerifyCS.FixAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                var deadline = DateTime.UtcNow.AddMinutes(10);
                {|SMTP104:while|} (DateTime.UtcNow < deadline)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException) { }
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
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                var deadline = DateTime.UtcNow.AddMinutes(10);
                while (DateTime.UtcNow < deadline)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * (0.8 + 0.4 * Random.Shared.NextDouble())));
                    }
                }
            }
        }
        """);

    [Fact]
    public Task TaskReturningMethodThatIsNotAsyncAndUnboundedLoopOutsideABlock_OfferNoFix()
    {
        const string Source = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class C
            {
                Task M(SmtpClient smtp, MimeMessage message)
                {
                    {|SMTP104:for|} (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try { smtp.Send(message); break; }
                        catch (SmtpCommandException) when (attempt < 3) { }
                    }

                    return Task.CompletedTask;
                }

                void N(SmtpClient smtp, MimeMessage message, bool enabled)
                {
                    if (enabled)
                        {|SMTP104:while|} (true)
                        {
                            try { smtp.Send(message); break; }
                            catch (SmtpCommandException) { System.Threading.Thread.Sleep(1000); }
                        }
                }
            }
            """;
        return VerifyCS.FixAsync(Source, Source);
    }

    [Fact]
    public async Task FixAll_FixesEveryLoopOfTheDocument()
    {
        var test = VerifyCS.FixTest("""
            using System.Threading;
            using MailKit.Net.Smtp;
            using MimeKit;

            class C
            {
                void M(SmtpClient smtp, MimeMessage message)
                {
                    {|SMTP104:for|} (;;)
                    {
                        try { smtp.Send(message); return; }
                        catch (SmtpCommandException) { Thread.Sleep(1000); }
                    }
                }

                void N(SmtpClient smtp, MimeMessage message)
                {
                    {|SMTP104:for|} (var attempt = 1; attempt <= 2; attempt++)
                    {
                        try { smtp.Send(message); return; }
                        catch (SmtpProtocolException) { }
                    }
                }
            }
            """, """
            using System;
            using System.Threading;
            using MailKit.Net.Smtp;
            using MimeKit;

            class C
            {
                void M(SmtpClient smtp, MimeMessage message)
                {
                    var failedAttempts = 0;
                    for (;;)
                    {
                        try { smtp.Send(message); return; }
                        catch (SmtpCommandException)
                        {
                            if (++failedAttempts >= 3)
                            {
                                throw;
                            }

                            Thread.Sleep(1000);
                        }
                    }
                }

                void N(SmtpClient smtp, MimeMessage message)
                {
                    for (var attempt = 1; attempt <= 2; attempt++)
                    {
                        try { smtp.Send(message); return; }
                        catch (SmtpProtocolException)
                        {
                            Thread.Sleep(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                        }
                    }
                }
            }
            """);
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }

    /// <summary>
    /// A retry loop around a send wrapper's call (issue 17): the wait goes in the caller's clause, as around the send
    /// itself; the wrapper's own client is created and connected inside each call, so each attempt starts afresh.
    /// </summary>
    [Fact]
    public Task LoopAroundASendWrapper_WaitsInTheCallersClause() => VerifyCS.FixAsync(
        SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender)
        {
            public async Task NotifyAsync(MimeMessage message)
            {
                {|SMTP104:for|} (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
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
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                    }
                }
            }
        }
        """);
}
