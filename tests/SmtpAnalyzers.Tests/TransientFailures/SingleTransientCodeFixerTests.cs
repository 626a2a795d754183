using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.SingleTransientCodeAnalyzer, SmtpAnalyzers.CodeFixes.SingleTransientCodeFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>The SMTP105 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class SingleTransientCodeFixerTests
{
    private static Task FixWithGeneratedFileAsync(string source, string fixedSource) =>
        VerifyCS.FixTest(source, fixedSource).RunAsync();

    /// <summary>A fix that leaves some diagnostics, marked in <paramref name="fixedSource"/>.</summary>
    private static Task FixKeepingMarkupAsync(string source, string fixedSource)
    {
        var test = VerifyCS.FixTest(source, fixedSource);
        test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        return test.RunAsync();
    }

    [Fact]
    public Task EnumMemberInWhenFilter_BecomesIsTransientOfTheCastStatus() => FixWithGeneratedFileAsync("""
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
                    // Busy or closing: try again shortly.
                    catch (SmtpCommandException ex) when ({|SMTP105:ex.StatusCode == SmtpStatusCode.ServiceNotAvailable|} /* 421 */)
                    {
                        await Task.Delay(1000 * attempt);
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
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    // Busy or closing: try again shortly.
                    catch (SmtpCommandException ex) when (SmtpFailures.IsTransient(ex) /* 421 */)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task NotEqualAndIsNot_BecomeNegatedIsTransient() => FixWithGeneratedFileAsync("""
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
                        if ({|SMTP105:(int)ex.StatusCode != 421|}) throw;
                        await Task.Delay(5000);
                    }
                }

                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when ({|SMTP105:ex.StatusCode is not SmtpStatusCode.MailboxBusy|}) { throw; }
                    catch (SmtpCommandException) { await Task.Delay(5000); }
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
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex)
                    {
                        if (!SmtpFailures.IsTransient(ex)) throw;
                        await Task.Delay(5000);
                    }
                }

                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when (!SmtpFailures.IsTransient(ex)) { throw; }
                    catch (SmtpCommandException) { await Task.Delay(5000); }
                }
            }
        }
        """);

    [Fact]
    public Task LocalNumberHasNoFailureToTest_PollyPredicateGetsTheOneTransientTest() => FixKeepingMarkupAsync("""
        using System;
        using System.Net.Mail;
        using Polly;

        class C
        {
            bool M(SmtpClient smtp, MailMessage message)
            {
                try { smtp.Send(message); }
                catch (SmtpException ex)
                {
                    var code = (int)ex.StatusCode;
                    if ({|SMTP105:code == 451|} && message.To.Count > 0)
                    {
                        smtp.Send(message);
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;
            }

            ISyncPolicy Policy() => Polly.Policy
                .Handle<SmtpException>(ex => {|SMTP105:ex.StatusCode == SmtpStatusCode.MailboxBusy|})
                .WaitAndRetry(3, attempt => TimeSpan.FromMinutes(attempt));
        }
        """, """
        using System;
        using System.Net.Mail;
        using Polly;
        using TestProject;

        class C
        {
            bool M(SmtpClient smtp, MailMessage message)
            {
                try { smtp.Send(message); }
                catch (SmtpException ex)
                {
                    var code = (int)ex.StatusCode;
                    if ({|SMTP105:code == 451|} && message.To.Count > 0)
                    {
                        smtp.Send(message);
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;
            }

            ISyncPolicy Policy() => Polly.Policy
                .Handle<SmtpException>(ex => SmtpFailures.IsTransient(ex))
                .WaitAndRetry(3, attempt => TimeSpan.FromMinutes(attempt));
        }
        """);

    [Fact]
    public Task PropertySubpattern_OffersNoFix()
    {
        const string Source = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using Polly;
            using Polly.Retry;

            class C
            {
                ResiliencePipeline Pipeline() => new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is SmtpCommandException { {|SMTP105:StatusCode: SmtpStatusCode.ServiceNotAvailable|} }),
                    })
                    .Build();
            }
            """;
        var test = VerifyCS.FixTest(Source, Source);
        test.FixedState.Sources.Clear();
        return test.RunAsync();
    }

    [Fact]
    public async Task FixAll_FixesEveryTestInTheDocumentInOnePass()
    {
        var test = VerifyCS.FixTest("""
            using System;
            using MailKit.Net.Smtp;
            using Polly;

            class C
            {
                IAsyncPolicy Busy() => Policy
                    .Handle<SmtpCommandException>(ex => {|SMTP105:ex.StatusCode == SmtpStatusCode.MailboxBusy|})
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromMinutes(attempt));

                IAsyncPolicy Closing() => Policy
                    .Handle<SmtpCommandException>(ex => {|SMTP105:(int)ex.StatusCode == 421|})
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromMinutes(attempt));
            }
            """, """
            using System;
            using MailKit.Net.Smtp;
            using Polly;
            using TestProject;

            class C
            {
                IAsyncPolicy Busy() => Policy
                    .Handle<SmtpCommandException>(ex => SmtpFailures.IsTransient(ex))
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromMinutes(attempt));

                IAsyncPolicy Closing() => Policy
                    .Handle<SmtpCommandException>(ex => SmtpFailures.IsTransient(ex))
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromMinutes(attempt));
            }
            """);
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.NumberOfIncrementalIterations = 2;
        await test.RunAsync();
    }

    /// <summary>A single-code filter on the caller's clause around a send wrapper's call (issue 17) becomes the transient test.</summary>
    [Fact]
    public Task SingleCodeAroundASendWrapper_BecomesIsTransient() => FixWithGeneratedFileAsync(
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
                    catch (SmtpCommandException ex) when ({|SMTP105:ex.StatusCode == SmtpStatusCode.ServiceNotAvailable|})
                    {
                        await Task.Delay(1000 * attempt);
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
                    catch (SmtpCommandException ex) when (SmtpFailures.IsTransient(ex))
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }
        }
        """);
}
