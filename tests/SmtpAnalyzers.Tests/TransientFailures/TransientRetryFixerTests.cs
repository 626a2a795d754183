using Microsoft.CodeAnalysis.Testing;
using Verify101 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnhandledSendAnalyzer, SmtpAnalyzers.CodeFixes.TransientRetryFixer>;
using Verify102 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.DroppedTransientFailureAnalyzer, SmtpAnalyzers.CodeFixes.TransientRetryFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>The SMTP101/SMTP102 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class TransientRetryFixerTests
{
    /// <summary>Which resilience library the test project references besides MailKit and MimeKit.</summary>
    public enum Resilience
    {
        None,
        V7,
        V8,
    }

    private static Task Fix101Async(string source, string fixedSource, Resilience polly) =>
        Prepare(Verify101.FixTest(source, fixedSource), polly).RunAsync();

    private static Task Fix102Async(string source, string fixedSource, Resilience polly) =>
        Prepare(Verify102.FixTest(source, fixedSource), polly).RunAsync();

    private static T Prepare<T>(T test, Resilience polly)
        where T : CodeFixTest<DefaultVerifier>
    {
        // Libraries: MailKit, MimeKit, Polly.Core (v8), Polly (v7 API).
        var references = polly switch
        {
            Resilience.None => TestReferences.Libraries.Take(2),
            Resilience.V7 => TestReferences.Libraries.Take(2).Append(TestReferences.Libraries[3]),
            Resilience.V8 => TestReferences.Libraries,
            _ => throw new ArgumentOutOfRangeException(nameof(polly)),
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.Clear();
            state.AdditionalReferences.AddRange(references);
        }

        return test;
    }

    [Fact]
    public Task MailKitClientCreatedInsideWithoutPolly_LoopReconnectsOnEveryAttempt() => Fix101Async("""
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class Sender
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                var host = "smtp.example.com";

                // A new connection per message.
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync(host, 587, SecureSocketOptions.StartTls, cancellationToken);
                await {|SMTP101:smtp.SendAsync(message, cancellationToken)|}; // the send
                await smtp.DisconnectAsync(true, cancellationToken);
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;
        using TestProject;

        class Sender
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                var host = "smtp.example.com";

                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        // A new connection per message.
                        using var smtp = new SmtpClient();
                        await smtp.ConnectAsync(host, 587, SecureSocketOptions.StartTls, cancellationToken);
                        await smtp.SendAsync(message, cancellationToken); // the send
                        await smtp.DisconnectAsync(true, cancellationToken);
                        break;
                    }
                    catch (Exception ex) when (attempt < 4 && ((ex is SmtpCommandException command && SmtpReplyCodes.IsTransient((int)command.StatusCode)) || ex is SmtpProtocolException || ex is IOException))
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30 * Math.Pow(2, attempt - 1)), cancellationToken);
                    }
                }
            }
        }
        """, Resilience.None);

    [Fact]
    public Task MailKitClientCreatedInsideWithPollyV8_RunsTheUnitInASharedPipeline() => Fix101Async("""
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class Sender
        {
            private readonly string _host = "smtp.example.com";

            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync(_host, 587, SecureSocketOptions.StartTls, cancellationToken);
                await {|SMTP101:smtp.SendAsync(message, cancellationToken)|};
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;
        using Polly;
        using Polly.Retry;
        using TestProject;

        class Sender
        {
            private readonly string _host = "smtp.example.com";
            private static readonly ResiliencePipeline SmtpRetry = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder()
                        .Handle<SmtpCommandException>(ex => SmtpReplyCodes.IsTransient((int)ex.StatusCode))
                        .Handle<SmtpProtocolException>()
                        .Handle<IOException>(),
                    MaxRetryAttempts = 3,
                    Delay = TimeSpan.FromSeconds(30),
                    BackoffType = DelayBackoffType.Exponential,
                })
                .Build();

            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                await SmtpRetry.ExecuteAsync(async token =>
                {
                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync(_host, 587, SecureSocketOptions.StartTls, cancellationToken);
                    await smtp.SendAsync(message, cancellationToken);
                }, cancellationToken);
            }
        }
        """, Resilience.V8);

    [Fact]
    public Task MailKitSyncWithPollyV7_RunsTheUnitInASharedPolicy() => Fix101Async("""
        using MailKit.Net.Smtp;
        using MimeKit;

        class Sender
        {
            public void Send(MimeMessage message)
            {
                using (var smtp = new SmtpClient())
                {
                    smtp.Connect("smtp.example.com", 25);
                    {|SMTP101:smtp.Send(message)|};
                    smtp.Disconnect(true);
                }
            }
        }
        """, """
        using System;
        using System.IO;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Polly;
        using Polly.Retry;
        using TestProject;

        class Sender
        {
            private static readonly RetryPolicy SmtpRetry = Policy
                .Handle<SmtpCommandException>(ex => SmtpReplyCodes.IsTransient((int)ex.StatusCode))
                .Or<SmtpProtocolException>()
                .Or<IOException>()
                .WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * Math.Pow(2, attempt - 1)));

            public void Send(MimeMessage message)
            {
                SmtpRetry.Execute(() =>
                {
                    using (var smtp = new SmtpClient())
                    {
                        smtp.Connect("smtp.example.com", 25);
                        smtp.Send(message);
                        smtp.Disconnect(true);
                    }
                });
            }
        }
        """, Resilience.V7);

    [Fact]
    public Task MailKitClientPassedInSyncWithoutToken_RetriesTheSendAloneAndSleeps() => Fix101Async("""
        using MailKit;
        using MimeKit;

        class Sender
        {
            public string Send(IMailTransport transport, MimeMessage message)
            {
                var id = {|SMTP101:transport.Send(message)|};
                return id;
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading;
        using MailKit;
        using MailKit.Net.Smtp;
        using MimeKit;
        using TestProject;

        class Sender
        {
            public string Send(IMailTransport transport, MimeMessage message)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        var id = transport.Send(message);
                        return id;
                    }
                    catch (Exception ex) when (attempt < 4 && ((ex is SmtpCommandException command && SmtpReplyCodes.IsTransient((int)command.StatusCode)) || ex is SmtpProtocolException || ex is IOException))
                    {
                        Thread.Sleep(TimeSpan.FromSeconds(30 * Math.Pow(2, attempt - 1)));
                    }
                }
            }
        }
        """, Resilience.None);

    [Fact]
    public Task SystemNetMailClientCreatedInside_LoopSkipsRecipientFailures() => Fix101Async("""
        using System.Net.Mail;
        using System.Threading.Tasks;

        class Notifier
        {
            public async Task<bool> NotifyAsync(string to)
            {
                using var smtp = new SmtpClient("smtp.example.com", 587);
                using var message = new MailMessage("app@example.com", to, "Hello", "Body");
                await {|SMTP101:smtp.SendMailAsync(message)|};
                return true;
            }
        }
        """, """
        using System;
        using System.Net.Mail;
        using System.Threading.Tasks;
        using TestProject;

        class Notifier
        {
            public async Task<bool> NotifyAsync(string to)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var smtp = new SmtpClient("smtp.example.com", 587);
                        using var message = new MailMessage("app@example.com", to, "Hello", "Body");
                        await smtp.SendMailAsync(message);
                        return true;
                    }
                    catch (SmtpException ex) when (attempt < 4 && ex is not SmtpFailedRecipientException && (ex.StatusCode == SmtpStatusCode.GeneralFailure || SmtpReplyCodes.IsTransient((int)ex.StatusCode)))
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30 * Math.Pow(2, attempt - 1)));
                    }
                }
            }
        }
        """, Resilience.None);

    [Fact]
    public Task SystemNetMailWithPollyV8_HandlesTransientSmtpExceptions() => Fix101Async("""
        using System.Net.Mail;
        using System.Threading;
        using System.Threading.Tasks;

        class Notifier
        {
            public async Task NotifyAsync(SmtpClient smtp, MailMessage message, CancellationToken ct)
            {
                await {|SMTP101:smtp.SendMailAsync(message, ct)|};
            }
        }
        """, """
        using System;
        using System.Net.Mail;
        using System.Threading;
        using System.Threading.Tasks;
        using Polly;
        using Polly.Retry;
        using TestProject;

        class Notifier
        {
            private static readonly ResiliencePipeline SmtpRetry = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder()
                        .Handle<SmtpException>(ex => ex is not SmtpFailedRecipientException && (ex.StatusCode == SmtpStatusCode.GeneralFailure || SmtpReplyCodes.IsTransient((int)ex.StatusCode))),
                    MaxRetryAttempts = 3,
                    Delay = TimeSpan.FromSeconds(30),
                    BackoffType = DelayBackoffType.Exponential,
                })
                .Build();

            public async Task NotifyAsync(SmtpClient smtp, MailMessage message, CancellationToken ct)
            {
                await SmtpRetry.ExecuteAsync(async token =>
                {
                    await smtp.SendMailAsync(message, ct);
                }, ct);
            }
        }
        """, Resilience.V8);

    [Fact]
    public Task DroppedFailureInAnExistingTry_LoopPutsTheTransientClauseFirst() => Fix102Async("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Sender
        {
            public async Task<bool> TrySendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                using var smtp = new SmtpClient();
                try
                {
                    await smtp.ConnectAsync("smtp.example.com", 587, cancellationToken: cancellationToken);
                    await smtp.SendAsync(message, cancellationToken);
                    return true;
                }
                // Logged and dropped.
                {|SMTP102:catch|} (SmtpCommandException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return false;
                }
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using TestProject;

        class Sender
        {
            public async Task<bool> TrySendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var smtp = new SmtpClient();
                    try
                    {
                        await smtp.ConnectAsync("smtp.example.com", 587, cancellationToken: cancellationToken);
                        await smtp.SendAsync(message, cancellationToken);
                        return true;
                    }
                    catch (Exception ex) when (attempt < 4 && ((ex is SmtpCommandException command && SmtpReplyCodes.IsTransient((int)command.StatusCode)) || ex is SmtpProtocolException || ex is IOException))
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30 * Math.Pow(2, attempt - 1)), cancellationToken);
                        continue;
                    }
                    // Logged and dropped.
                    catch (SmtpCommandException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                        return false;
                    }
                }
            }
        }
        """, Resilience.V8);

    [Fact]
    public Task ClientFromOutsideConnectedHereEventBasedSendJumpsAndTaskWithoutAsync_OfferNoFix()
    {
        const string Source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class Sender
            {
                // Connecting again a client that is still connected throws: no safe reconnect.
                async Task Connected(SmtpClient smtp, MimeMessage message)
                {
                    await smtp.ConnectAsync("smtp.example.com", 587);
                    await {|SMTP101:smtp.SendAsync(message)|};
                }

                // System.Net.Mail's SendAsync reports through an event: no throwing send, no diagnostic.
                void EventBased(System.Net.Mail.SmtpClient smtp, System.Net.Mail.MailMessage message) =>
                    smtp.SendAsync(message, null);

                // The continue would go round the retry loop instead of the foreach.
                void Jumps(IEnumerable<MimeMessage> messages)
                {
                    foreach (var message in messages)
                    {
                        using var smtp = new SmtpClient();
                        if (message.To.Count == 0) continue;
                        {|SMTP101:smtp.Send(message)|};
                    }
                }

                // Neither awaits nor may block.
                Task NotAsync(SmtpClient smtp, MimeMessage message)
                {
                    {|SMTP101:smtp.Send(message)|};
                    return Task.CompletedTask;
                }
            }
            """;
        var test = Verify101.FixTest(Source, Source);
        test.FixedState.Sources.Clear();
        return test.RunAsync();
    }

    [Fact]
    public async Task FixAll_WrapsAUnitWithTwoSendsOnceAndSharesOneFieldPerType()
    {
        var test = Prepare(Verify101.FixTest("""
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class Sender
            {
                public async Task SendBothAsync(MimeMessage first, MimeMessage second)
                {
                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync("smtp.example.com", 587);
                    await {|SMTP101:smtp.SendAsync(first)|};
                    await {|SMTP101:smtp.SendAsync(second)|};
                }

                public async Task SendAsync(ISmtpClient smtp, MimeMessage message)
                {
                    await {|SMTP101:smtp.SendAsync(message)|};
                }
            }
            """, """
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;
            using Polly;
            using Polly.Retry;
            using TestProject;

            class Sender
            {
                private static readonly ResiliencePipeline SmtpRetry = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder()
                            .Handle<SmtpCommandException>(ex => SmtpReplyCodes.IsTransient((int)ex.StatusCode))
                            .Handle<SmtpProtocolException>()
                            .Handle<IOException>(),
                        MaxRetryAttempts = 3,
                        Delay = TimeSpan.FromSeconds(30),
                        BackoffType = DelayBackoffType.Exponential,
                    })
                    .Build();
                private static readonly ResiliencePipeline SmtpRetry2 = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder()
                            .Handle<SmtpCommandException>(ex => SmtpReplyCodes.IsTransient((int)ex.StatusCode))
                            .Handle<SmtpProtocolException>()
                            .Handle<IOException>(),
                        MaxRetryAttempts = 3,
                        Delay = TimeSpan.FromSeconds(30),
                        BackoffType = DelayBackoffType.Exponential,
                    })
                    .Build();

                public async Task SendBothAsync(MimeMessage first, MimeMessage second)
                {
                    await SmtpRetry.ExecuteAsync(async token =>
                    {
                        using var smtp = new SmtpClient();
                        await smtp.ConnectAsync("smtp.example.com", 587);
                        await smtp.SendAsync(first);
                        await smtp.SendAsync(second);
                    });
                }

                public async Task SendAsync(ISmtpClient smtp, MimeMessage message)
                {
                    await SmtpRetry2.ExecuteAsync(async token =>
                    {
                        await smtp.SendAsync(message);
                    });
                }
            }
            """), Resilience.V8);
        // One fix at a time, the second fix finds SmtpRetry taken and adds SmtpRetry2; Fix All shares one field.
        test.BatchFixedState.Sources.Add(("/0/Test0.cs", """
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;
            using Polly;
            using Polly.Retry;
            using TestProject;

            class Sender
            {
                private static readonly ResiliencePipeline SmtpRetry = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder()
                            .Handle<SmtpCommandException>(ex => SmtpReplyCodes.IsTransient((int)ex.StatusCode))
                            .Handle<SmtpProtocolException>()
                            .Handle<IOException>(),
                        MaxRetryAttempts = 3,
                        Delay = TimeSpan.FromSeconds(30),
                        BackoffType = DelayBackoffType.Exponential,
                    })
                    .Build();

                public async Task SendBothAsync(MimeMessage first, MimeMessage second)
                {
                    await SmtpRetry.ExecuteAsync(async token =>
                    {
                        using var smtp = new SmtpClient();
                        await smtp.ConnectAsync("smtp.example.com", 587);
                        await smtp.SendAsync(first);
                        await smtp.SendAsync(second);
                    });
                }

                public async Task SendAsync(ISmtpClient smtp, MimeMessage message)
                {
                    await SmtpRetry.ExecuteAsync(async token =>
                    {
                        await smtp.SendAsync(message);
                    });
                }
            }
            """));
        test.BatchFixedState.AdditionalReferences.AddRange(TestReferences.Libraries);
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }
}
