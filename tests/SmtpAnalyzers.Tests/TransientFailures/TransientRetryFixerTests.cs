using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
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

    private const string RetryFileV8 = """
        // The project's senders share this retry: change it here.
        using System;
        using Polly;
        using Polly.Retry;

        namespace TestProject
        {
            /// <summary>
            /// The retry of transient SMTP failures (<see cref="SmtpFailures.IsTransient"/>): 3 attempts in all, 2 s
            /// before the second, doubling after each failure, with jitter. Longer waits, such as a greylisting server asks for,
            /// belong in a queue that sends the message again later, not in a retry that holds the caller.
            /// </summary>
            internal static class SmtpRetry
            {
                public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<Exception>(SmtpFailures.IsTransient),
                        MaxRetryAttempts = 2,
                        Delay = TimeSpan.FromSeconds(2),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    })
                    .Build();
            }
        }

        """;

    private const string RetryFileV7 = """
        // The project's senders share this retry: change it here.
        using System;
        using Polly;

        namespace TestProject
        {
            /// <summary>
            /// The retry of transient SMTP failures (<see cref="SmtpFailures.IsTransient"/>): 3 attempts in all, 2 s
            /// before the second, doubling after each failure, with jitter. Longer waits, such as a greylisting server asks for,
            /// belong in a queue that sends the message again later, not in a retry that holds the caller.
            /// </summary>
            internal static class SmtpRetry
            {
                public static readonly ISyncPolicy Policy = global::Polly.Policy
                    .Handle<Exception>(SmtpFailures.IsTransient)
                    .WaitAndRetry(2, Delay);

                public static readonly IAsyncPolicy AsyncPolicy = global::Polly.Policy
                    .Handle<Exception>(SmtpFailures.IsTransient)
                    .WaitAndRetryAsync(2, Delay);

                private static TimeSpan Delay(int attempt) =>
                    TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble()));
            }
        }

        """;

    private static Task Fix101Async(string source, string fixedSource, Resilience polly) =>
        Prepare(Verify101.FixTest(source, fixedSource), polly).RunAsync();

    /// <summary>A project that has its own shared retry, <c>SmtpRetry</c> (the class the SMTP101 rule page shows).</summary>
    private static Task Fix101WithRetryFileAsync(string source, string fixedSource, Resilience polly, string retryFile)
    {
        var test = Prepare(Verify101.FixTest(source, fixedSource), polly);
        test.TestState.Sources.Add(("SmtpRetry.cs", SourceText.From(retryFile, System.Text.Encoding.UTF8)));
        test.FixedState.Sources.Add(("SmtpRetry.cs", SourceText.From(retryFile, System.Text.Encoding.UTF8)));
        return test.RunAsync();
    }

    /// <summary>A project that also references <c>Microsoft.Extensions.Logging.Abstractions</c>.</summary>
    private static Task Fix101WithLoggingAsync(string source, string fixedSource)
    {
        var test = Prepare(Verify101.FixTest(source, fixedSource), Resilience.None);
        test.TestState.AdditionalReferences.Add(TestReferences.Logging);
        test.FixedState.AdditionalReferences.Add(TestReferences.Logging);
        return test.RunAsync();
    }

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

    /// <summary>The client is created and connected in the unit: every attempt has a fresh connection, and the delay takes the token.</summary>
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
        using System.Diagnostics;
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
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 3, ex.Message);
                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())), cancellationToken);
                    }
                }
            }
        }
        """, Resilience.None);

    /// <summary>
    /// Each retry is logged, through the <c>ILogger</c> the method can use (here a primary constructor's parameter), with
    /// the exception and a constant template.
    /// </summary>
    [Fact]
    public Task LoggerInReach_TheRetryLogsThroughIt() => Fix101WithLoggingAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using Microsoft.Extensions.Logging;
        using MimeKit;

        class Sender(ILogger<Sender> logger)
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                logger.LogInformation("Sending {Subject}", message.Subject);
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com", 587, SecureSocketOptions.StartTls, cancellationToken);
                await {|SMTP101:smtp.SendAsync(message, cancellationToken)|};
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using Microsoft.Extensions.Logging;
        using MimeKit;
        using TestProject;

        class Sender(ILogger<Sender> logger)
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                logger.LogInformation("Sending {Subject}", message.Subject);
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var smtp = new SmtpClient();
                        await smtp.ConnectAsync("smtp.example.com", 587, SecureSocketOptions.StartTls, cancellationToken);
                        await smtp.SendAsync(message, cancellationToken);
                        break;
                    }
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        logger.LogWarning(ex, "Transient SMTP failure (attempt {Attempt} of {Attempts}); retrying", attempt, 3);
                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())), cancellationToken);
                    }
                }
            }
        }
        """);

    /// <summary>
    /// A static method cannot use the class's instance logger, and a logger declared in the retried unit is out of the
    /// retry clause's scope: the retry is traced instead (<c>Trace.TraceWarning</c>, which any trace listener shows).
    /// </summary>
    [Fact]
    public Task NoLoggerTheMethodCanUse_TheRetryIsTraced() => Fix101WithLoggingAsync("""
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using Microsoft.Extensions.Logging;
        using MimeKit;

        class Sender
        {
            private readonly ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

            public static void Send(MimeMessage message, ILoggerFactory factory)
            {
                using var smtp = new SmtpClient();
                var log = factory.CreateLogger("Mail");
                log.LogInformation("Connecting");
                smtp.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);
                {|SMTP101:smtp.Send(message)|};
            }
        }
        """, """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using Microsoft.Extensions.Logging;
        using MimeKit;
        using TestProject;

        class Sender
        {
            private readonly ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

            public static void Send(MimeMessage message, ILoggerFactory factory)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var smtp = new SmtpClient();
                        var log = factory.CreateLogger("Mail");
                        log.LogInformation("Connecting");
                        smtp.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);
                        smtp.Send(message);
                        break;
                    }
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 3, ex.Message);
                        Thread.Sleep(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                    }
                }
            }
        }
        """);

    /// <summary>Polly.Core referenced and the project has SmtpRetry: the unit runs in its one pipeline, and uses the token the pipeline hands it.</summary>
    [Fact]
    public Task MailKitWithPollyV8_RunsTheUnitInTheProjectsPipelineWithItsToken() => Fix101WithRetryFileAsync("""
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
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;
        using TestProject;

        class Sender
        {
            private readonly string _host = "smtp.example.com";

            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                await SmtpRetry.Pipeline.ExecuteAsync(async token =>
                {
                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync(_host, 587, SecureSocketOptions.StartTls, token);
                    await smtp.SendAsync(message, token);
                }, cancellationToken);
            }
        }
        """, Resilience.V8, RetryFileV8);

    /// <summary>
    /// Polly referenced but no SmtpRetry in the project: a loop. The fix adds no file (under dotnet format an added file
    /// is a second Compile item) and no static copy of a pipeline per class.
    /// </summary>
    [Fact]
    public Task PollyWithoutTheProjectsSmtpRetry_Loops() => Fix101Async("""
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
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;
        using TestProject;

        class Sender
        {
            private readonly string _host = "smtp.example.com";

            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var smtp = new SmtpClient();
                        await smtp.ConnectAsync(_host, 587, SecureSocketOptions.StartTls, cancellationToken);
                        await smtp.SendAsync(message, cancellationToken);
                        break;
                    }
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 3, ex.Message);
                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())), cancellationToken);
                    }
                }
            }
        }
        """, Resilience.V8);

    /// <summary>Polly v7 only: the synchronous policy of the project's SmtpRetry.</summary>
    [Fact]
    public Task MailKitSyncWithPollyV7_RunsTheUnitInTheProjectsPolicy() => Fix101WithRetryFileAsync("""
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
        using MailKit.Net.Smtp;
        using MimeKit;
        using TestProject;

        class Sender
        {
            public void Send(MimeMessage message)
            {
                SmtpRetry.Policy.Execute(() =>
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
        """, Resilience.V7, RetryFileV7);

    /// <summary>A unit that returns stays in a loop (it cannot move into a lambda); the predicate leaves recipient failures to SMTP106.</summary>
    [Fact]
    public Task SystemNetMailClientCreatedInside_LoopReturnsFromTheAttempt() => Fix101Async("""
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
        using System.Diagnostics;
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
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 3, ex.Message);
                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                    }
                }
            }
        }
        """, Resilience.None);

    /// <summary>System.Net.Mail connects per send, so a client from outside can be retried; the callback uses the pipeline's token.</summary>
    [Fact]
    public Task SystemNetMailClientFromOutsideWithPollyV8_RetriesTheSendAlone() => Fix101WithRetryFileAsync("""
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
        using System.Net.Mail;
        using System.Threading;
        using System.Threading.Tasks;
        using TestProject;

        class Notifier
        {
            public async Task NotifyAsync(SmtpClient smtp, MailMessage message, CancellationToken ct)
            {
                await SmtpRetry.Pipeline.ExecuteAsync(async token =>
                {
                    await smtp.SendMailAsync(message, token);
                }, ct);
            }
        }
        """, Resilience.V8, RetryFileV8);

    /// <summary>SMTP102: the transient clause goes first; the old clause sees what the retries leave, outside any loop of its own.</summary>
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
        using System.Diagnostics;
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
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 3, ex.Message);
                        await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())), cancellationToken);
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
        """, Resilience.None);

    /// <summary>SMTP102 on catch (AuthenticationException): a 454 or 421 during AUTH arrives as AuthenticationException, and SmtpFailures.IsTransient retries it.</summary>
    [Fact]
    public Task AuthenticationFailureTakenForBadCredentials_RetriesA454() => Fix102Async("""
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class Sender
        {
            public bool TrySend(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                smtp.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);
                try
                {
                    smtp.Authenticate("user", "secret");
                    smtp.Send(message);
                }
                {|SMTP102:catch|} (AuthenticationException)
                {
                    return false;
                }

                smtp.Disconnect(true);
                return true;
            }
        }
        """, """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;
        using TestProject;

        class Sender
        {
            public bool TrySend(MimeMessage message)
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect("smtp.example.com", 587, SecureSocketOptions.StartTls);
                    try
                    {
                        smtp.Authenticate("user", "secret");
                        smtp.Send(message);
                    }
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 3, ex.Message);
                        Thread.Sleep(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                        continue;
                    }
                    catch (AuthenticationException)
                    {
                        return false;
                    }

                    smtp.Disconnect(true);
                    return true;
                }
            }
        }
        """, Resilience.None);

    /// <summary>The fix writes no library type, so no using System.Net.Mail joins using MailKit.Net.Smtp (CS0104).</summary>
    [Fact]
    public Task SystemNetMailTypesInAMailKitFile_AddNoUsingThatMakesSmtpClientAmbiguous() => Fix101Async("""
        using MailKit.Net.Smtp;

        class Notifier
        {
            public void Notify(System.Net.Mail.MailMessage message)
            {
                using var smtp = new System.Net.Mail.SmtpClient("smtp.example.com");
                {|SMTP101:smtp.Send(message)|};
            }

            public SmtpClient Create() => new SmtpClient();
        }
        """, """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using MailKit.Net.Smtp;
        using TestProject;

        class Notifier
        {
            public void Notify(System.Net.Mail.MailMessage message)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var smtp = new System.Net.Mail.SmtpClient("smtp.example.com");
                        smtp.Send(message);
                        break;
                    }
                    catch (Exception ex) when (attempt < 3 && SmtpFailures.IsTransient(ex))
                    {
                        Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 3, ex.Message);
                        Thread.Sleep(TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));
                    }
                }
            }

            public SmtpClient Create() => new SmtpClient();
        }
        """, Resilience.None);

    /// <summary>
    /// No fix where a retry would change what gets delivered or cannot recover: a MailKit client from outside (after
    /// a 421 it stays disconnected), a batch over one connection, work after the send, an event-based send, and a
    /// method that can neither await nor block.
    /// </summary>
    [Fact]
    public Task UnsafeUnits_OfferNoFix()
    {
        const string Source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using MailKit;
            using MailKit.Net.Smtp;
            using MimeKit;

            class Sender
            {
                // A client from outside: after a 421 it is disconnected, and this method cannot connect it again.
                string Injected(IMailTransport transport, MimeMessage message) => {|SMTP101:transport.Send(message)|};

                // Several messages over one connection: a retry of the whole batch would send the first ones again.
                void Batch(IEnumerable<MimeMessage> messages)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect("smtp.example.com", 587);
                    foreach (var message in messages)
                    {
                        {|SMTP101:smtp.Send(message)|};
                    }
                }

                // Work after the send: its failure would have the retry send the message again.
                void MarkedAfterwards(MimeMessage message, List<string> sent)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect("smtp.example.com", 587);
                    {|SMTP101:smtp.Send(message)|};
                    sent.Add(message.MessageId);
                }

                // System.Net.Mail's SendAsync reports through an event: no throwing send, no diagnostic.
                void EventBased(System.Net.Mail.SmtpClient smtp, System.Net.Mail.MailMessage message) =>
                    smtp.SendAsync(message, null);

                // Neither awaits nor may block.
                Task NotAsync(MimeMessage message)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect("smtp.example.com", 587);
                    {|SMTP101:smtp.Send(message)|};
                    return Task.CompletedTask;
                }
            }
            """;
        var test = Verify101.FixTest(Source, Source);
        test.FixedState.Sources.Clear();
        return Prepare(test, Resilience.None).RunAsync();
    }

    /// <summary>Fix All: every class runs its unit in the one SmtpRetry of the project.</summary>
    [Fact]
    public Task FixAll_SharesOneRetryAcrossClasses() => Fix101WithRetryFileAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Receipts
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com", 587, cancellationToken: cancellationToken);
                await {|SMTP101:smtp.SendAsync(message, cancellationToken)|};
            }
        }

        class Alerts
        {
            public void Send(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                smtp.Connect("smtp.example.com", 587);
                {|SMTP101:smtp.Send(message)|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using TestProject;

        class Receipts
        {
            public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                await SmtpRetry.Pipeline.ExecuteAsync(async token =>
                {
                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync("smtp.example.com", 587, cancellationToken: token);
                    await smtp.SendAsync(message, token);
                }, cancellationToken);
            }
        }

        class Alerts
        {
            public void Send(MimeMessage message)
            {
                SmtpRetry.Pipeline.Execute(() =>
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect("smtp.example.com", 587);
                    smtp.Send(message);
                });
            }
        }
        """, Resilience.V8, RetryFileV8);

    /// <summary>.editorconfig sets the attempts and the first wait.</summary>
    [Fact]
    public Task EditorConfigOptions_SetTheAttemptsAndTheBaseDelay()
    {
        var test = Prepare(Verify101.FixTest(
            """
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
            """,
            """
            using System;
            using System.Diagnostics;
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
                        catch (Exception ex) when (attempt < 5 && SmtpFailures.IsTransient(ex))
                        {
                            Trace.TraceWarning("Transient SMTP failure (attempt {0} of {1}); retrying: {2}", attempt, 5, ex.Message);
                            await Task.Delay(TimeSpan.FromSeconds(0.5 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())), cancellationToken);
                        }
                    }
                }
            }
            """,
            "smtp_analyzers.retry_attempts = 5\nsmtp_analyzers.retry_base_delay = 0.5"), Resilience.None);
        return test.RunAsync();
    }
}
