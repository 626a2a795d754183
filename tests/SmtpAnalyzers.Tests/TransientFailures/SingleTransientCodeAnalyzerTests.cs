using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.SingleTransientCodeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP105 fires, what it says, and the near misses where it must stay silent.</summary>
public class SingleTransientCodeAnalyzerTests
{
    private static DiagnosticResult Smtp105(int markup, string code, string others) =>
        new DiagnosticResult(RuleIds.SingleTransientCode, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage("Only " + code + " is retried here: " + others + " and the other transient 4xx replies are given up as if they were permanent");

    [Fact]
    public Task MailKitWhenFilterInRetryLoop_ReportsTheComparison() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return true;
                    }
                    catch (SmtpCommandException ex) when ({|#0:ex.StatusCode == SmtpStatusCode.ServiceNotAvailable|})
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }

                return false;
            }
        }
        """).WithExpected(Smtp105(0, "421 'Service not available'", "450, 451, 452"))
        .RunAsync();

    [Fact]
    public Task SystemNetMailLiteralInFilterThatSendsAgain_Reports() => VerifyCS.AnalyzerTest("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            bool M(SmtpClient smtp, MailMessage message)
            {
                try
                {
                    smtp.Send(message);
                }
                catch (SmtpException ex) when ({|#0:(int)ex.StatusCode == 451|})
                {
                    Thread.Sleep(60_000);
                    smtp.Send(message);
                }
                catch (SmtpException)
                {
                    return false;
                }

                return true;
            }
        }
        """).WithExpected(Smtp105(0, "451 'Local error in processing'", "421, 450, 452"))
        .RunAsync();

    [Fact]
    public Task IfThatRetriesOneCodeAndGivesUpOtherwise_Reports() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return true;
                    }
                    catch (SmtpCommandException ex)
                    {
                        if ({|SMTP105:ex.StatusCode == SmtpStatusCode.MailboxBusy|})
                        {
                            await Task.Delay(30_000);
                            continue;
                        }

                        return false;
                    }
                }

                return false;
            }

            async Task<bool> WithElse(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException ex)
                {
                    var code = (int)ex.StatusCode;
                    if ({|SMTP105:code == 421|})
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

    [Fact]
    public Task NegatedTestsThatGiveUpOnEveryOtherCode_Report() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
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
                    catch (SmtpCommandException ex)
                    {
                        if ({|SMTP105:ex.StatusCode != SmtpStatusCode.ServiceNotAvailable|})
                        {
                            throw;
                        }

                        await Task.Delay(5000);
                    }
                }
            }

            void Filtered(System.Net.Mail.SmtpClient smtp, System.Net.Mail.MailMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        smtp.Send(message);
                        return;
                    }
                    catch (System.Net.Mail.SmtpException ex) when ({|SMTP105:ex.StatusCode is not System.Net.Mail.SmtpStatusCode.MailboxBusy|})
                    {
                        throw;
                    }
                    catch (System.Net.Mail.SmtpException)
                    {
                        Thread.Sleep(1000 * attempt);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task IsPatternAndNarrowingConjunct_Report() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, int attempt)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException ex) when ({|SMTP105:ex.StatusCode is SmtpStatusCode.ServiceNotAvailable|} && attempt < 3)
                {
                    await RetryLaterAsync(message);
                }
            }

            Task RetryLaterAsync(MimeMessage message) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task PollyPredicatesOfOneCode_Report() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;

        class C
        {
            IAsyncPolicy V7() => Policy
                .Handle<SmtpCommandException>(ex => {|SMTP105:ex.StatusCode == SmtpStatusCode.ServiceNotAvailable|})
                .Or<SmtpProtocolException>()
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt * 10));

            ResiliencePipeline V8Builder() => new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpCommandException>(ex => {|SMTP105:(int)ex.StatusCode == 450|}),
                    MaxRetryAttempts = 3,
                })
                .Build();

            ResiliencePipeline V8Lambda() => new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is SmtpCommandException { {|SMTP105:StatusCode: SmtpStatusCode.ServiceNotAvailable|} }),
                })
                .Build();
        }
        """);

    [Fact]
    public Task ClauseThatRetriesALostConnectionOnly_DoesNotCoverTheOtherReplies() => VerifyCS.AnalyzerAsync("""
        using System.IO;
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
                    catch (SmtpCommandException ex) when ({|SMTP105:ex.StatusCode == SmtpStatusCode.ServiceNotAvailable|})
                    {
                        await Task.Delay(1000);
                    }
                    catch (SmtpProtocolException)
                    {
                        await Task.Delay(1000);
                    }
                    catch (IOException)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ConditionsThatCoverSeveralCodesOrTheClass_AreSilent() => VerifyCS.AnalyzerAsync("""
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
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable || ex.StatusCode == SmtpStatusCode.MailboxBusy)
                    {
                        await Task.Delay(1000);
                    }
                    catch (SmtpProtocolException)
                    {
                        await Task.Delay(1000);
                    }
                }

                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when (ex.StatusCode is SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.MailboxBusy or SmtpStatusCode.InsufficientStorage)
                    {
                        await Task.Delay(1000);
                    }
                }

                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode / 100 == 4)
                    {
                        await Task.Delay(1000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task SpecialCaseNextToAGeneralTransientPath_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                    {
                        await smtp.ConnectAsync("smtp.example.com", 587, SecureSocketOptions.StartTls);
                        await Task.Delay(1000);
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500)
                    {
                        await Task.Delay(1000);
                    }
                }

                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return; }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode < 500)
                    {
                        if (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                        {
                            await smtp.ConnectAsync("smtp.example.com", 587, SecureSocketOptions.StartTls);
                        }

                        await Task.Delay(1000);
                    }
                }

                try { await smtp.SendAsync(message); }
                catch (SmtpCommandException ex)
                {
                    if (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                    {
                        await smtp.ConnectAsync("smtp.example.com", 587, SecureSocketOptions.StartTls);
                        await smtp.SendAsync(message);
                    }
                    else if ((int)ex.StatusCode / 100 == 4)
                    {
                        await smtp.SendAsync(message);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task PermanentAndPositiveCodesAndGivingUpOnOneCode_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await smtp.SendAsync(message); return true; }
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.MailboxUnavailable)
                    {
                        await Task.Delay(1000);
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode == 250)
                    {
                        await Task.Delay(1000);
                    }
                }

                try { await smtp.SendAsync(message); }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode == 421)
                {
                    Console.Error.WriteLine($"Server is closing the connection: {ex.Message}");
                    return false;
                }
                catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.MailboxBusy)
                {
                    throw;
                }

                return true;
            }
        }
        """);

    [Fact]
    public Task OutsideSendHandling_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            static bool ShouldRetry(SmtpCommandException ex) => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable;

            async Task<string> Http(HttpClient http)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { return await http.GetStringAsync("https://example.com"); }
                    catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        await Task.Delay(1000);
                    }
                }

                return "";
            }

            void NoSend(SmtpClient smtp)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Disconnect(true); }
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable) { }
                }
            }

            ISyncPolicy Breaker() => Policy
                .Handle<SmtpCommandException>(ex => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                .CircuitBreaker(3, System.TimeSpan.FromMinutes(1));

            ISyncPolicy AllButOne() => Policy
                .Handle<SmtpCommandException>(ex => ex.StatusCode != SmtpStatusCode.ServiceNotAvailable)
                .Retry(3);

            ISyncPolicy SecondPredicate() => Policy
                .Handle<SmtpCommandException>(ex => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                .Or<SmtpCommandException>(ex => (int)ex.StatusCode is 450 or 451)
                .WaitAndRetry(3, attempt => System.TimeSpan.FromSeconds(attempt));
        }
        """);

    /// <summary>
    /// A retry decided by one transient code around a send one or two calls away (issue 17): the call of an
    /// <c>IEmailSender</c> implemented in the compilation, and of a private helper that sends, is a send.
    /// </summary>
    [Fact]
    public Task SingleCodeAroundASendWrapper_ReportsTheComparison() => VerifyCS.AnalyzerAsync(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
        public sealed class Notifier(IEmailSender sender)
        {
            public async Task<bool> NotifyAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        return true;
                    }
                    catch (SmtpCommandException ex) when ({|SMTP105:ex.StatusCode == SmtpStatusCode.ServiceNotAvailable|})
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }

                return false;
            }

            public async Task<bool> RemindAsync(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await SendReminderAsync(smtp, message);
                        return true;
                    }
                    catch (SmtpCommandException ex)
                    {
                        if ({|SMTP105:ex.StatusCode != SmtpStatusCode.MailboxBusy|})
                        {
                            return false;
                        }

                        await Task.Delay(1000 * attempt);
                    }
                }

                return false;
            }

            private static Task SendReminderAsync(ISmtpClient smtp, MimeMessage message) => smtp.SendAsync(message);
        }
        """);

    /// <summary>
    /// Near misses around calls named like a send wrapper: one that handles its failures itself, one that only queues the
    /// message, and a loop around a real wrapper that tests the reply class.
    /// </summary>
    [Fact]
    public Task SingleCodeAroundAWrapperThatLetsNoFailureOut_OrAClassTestAroundAWrapper_IsSilent() => VerifyCS.AnalyzerAsync(SendWrapperSources.Usings + SendWrapperSources.Wrappers + """
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
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
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
                        return;
                    }
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }

            public async Task ByClassAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendEmailAsync(message);
                        return;
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode / 100 == 4)
                    {
                        await Task.Delay(1000 * attempt);
                    }
                }
            }
        }
        """);
}
