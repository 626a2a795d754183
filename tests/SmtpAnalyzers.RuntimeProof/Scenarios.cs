namespace SmtpAnalyzers.RuntimeProof;

/// <summary>
/// Representative inputs of every family-2 fix. Each sends one message (a batch: two) to <see cref="Proof.First"/> and
/// <see cref="Proof.Second"/>; <c>Scenario.Run</c> is the caller whose view of success the contract protects.
/// </summary>
public static class Scenarios
{
    private const string MimeMail = """
        static class Mail
        {
            public static MimeMessage Create(string subject = "Invoice")
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse("app@example.test"));
                message.To.Add(MailboxAddress.Parse("a@example.test"));
                message.To.Add(MailboxAddress.Parse("b@example.test"));
                message.Subject = subject;
                message.Body = new TextPart("plain") { Text = "Hello" };
                return message;
            }
        }
        """;

    private const string NetMail = """
        static class Mail
        {
            public static MailMessage Create() => new MailMessage("app@example.test", "a@example.test,b@example.test", "Invoice", "Hello");
        }
        """;

    /// <summary>The project's own shared retry that the SMTP101 fix runs units in (Polly.Core), with the proof's short waits.</summary>
    private const string SmtpRetryV8 = """
        static class SmtpRetry
        {
            public static readonly Polly.ResiliencePipeline Pipeline = new Polly.ResiliencePipelineBuilder()
                .AddRetry(new Polly.Retry.RetryStrategyOptions
                {
                    ShouldHandle = new Polly.PredicateBuilder().Handle<System.Exception>(SmtpFailures.IsTransient),
                    MaxRetryAttempts = 2,
                    Delay = System.TimeSpan.FromMilliseconds(10),
                    BackoffType = Polly.DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .Build();
        }
        """;

    /// <summary>The same with Polly's v7 API.</summary>
    private const string SmtpRetryV7 = """
        static class SmtpRetry
        {
            public static readonly Polly.ISyncPolicy Policy = Polly.Policy
                .Handle<System.Exception>(SmtpFailures.IsTransient)
                .WaitAndRetry(2, attempt => System.TimeSpan.FromMilliseconds(10 * attempt));

            public static readonly Polly.IAsyncPolicy AsyncPolicy = Polly.Policy
                .Handle<System.Exception>(SmtpFailures.IsTransient)
                .WaitAndRetryAsync(2, attempt => System.TimeSpan.FromMilliseconds(10 * attempt));
        }
        """;

    public static readonly Scenario[] All =
    [
        new("SMTP101 MailKit sync, client created in the method", "SMTP101", Resilience.None, """
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public void Send(MimeMessage message)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect(host, port, SecureSocketOptions.None);
                    smtp.Authenticate("user", "secret");
                    smtp.Send(message);
                    smtp.Disconnect(true);
                }
            }

            """ + MimeMail),

        new("SMTP101 MailKit async with a token, the project's Polly v8 SmtpRetry", "SMTP101", Resilience.V8, """
            using System.Threading;
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;
            using Polly;

            namespace ProofApp;

            public static class Scenario
            {
                public static Task Run(string host, int port) => new Sender(host, port).SendAsync(Mail.Create(), CancellationToken.None);
            }

            class Sender(string host, int port)
            {
                public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
                {
                    using var smtp = new SmtpClient();
                    await smtp.ConnectAsync(host, port, SecureSocketOptions.None, cancellationToken);
                    await smtp.SendAsync(message, cancellationToken);
                    await smtp.DisconnectAsync(true, cancellationToken);
                }
            }

            """ + MimeMail + SmtpRetryV8),

        new("SMTP101 System.Net.Mail sync, the project's Polly v7 SmtpRetry", "SMTP101", Resilience.V7, """
            using System.Net.Mail;
            using Polly;

            namespace ProofApp;

            public static class Scenario
            {
                public static bool Run(string host, int port)
                {
                    new Sender(host, port).Send(Mail.Create());
                    return true;
                }
            }

            class Sender(string host, int port)
            {
                public void Send(MailMessage message)
                {
                    using var smtp = new SmtpClient(host, port);
                    smtp.Send(message);
                }
            }

            """ + NetMail + SmtpRetryV7),

        new("SMTP101 System.Net.Mail async, no Polly", "SMTP101", Resilience.None, """
            using System.Net.Mail;
            using System.Threading.Tasks;

            namespace ProofApp;

            public static class Scenario
            {
                public static Task Run(string host, int port) => new Sender(host, port).SendAsync(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public async Task SendAsync(MailMessage message)
                {
                    using var smtp = new SmtpClient(host, port);
                    await smtp.SendMailAsync(message);
                }
            }

            """ + NetMail),

        new("SMTP101 MailKit batch over one connection", "SMTP101", Resilience.None, """
            using System.Collections.Generic;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Outbox(host, port).Flush([Mail.Create("First"), Mail.Create("Second")]);
            }

            class Outbox(string host, int port)
            {
                public void Flush(IEnumerable<MimeMessage> messages)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect(host, port, SecureSocketOptions.None);
                    foreach (var message in messages)
                    {
                        smtp.Send(message);
                    }

                    smtp.Disconnect(true);
                }
            }

            """ + MimeMail, ExpectFix: false),

        new("SMTP101 MailKit injected, already connected client", "SMTP101", Resilience.None, """
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect(host, port, SecureSocketOptions.None);
                    new Sender(smtp).Send(Mail.Create());
                }
            }

            class Sender(ISmtpClient smtp)
            {
                public void Send(MimeMessage message) => smtp.Send(message);
            }

            """ + MimeMail, ExpectFix: false),

        new("SMTP102 MailKit catch that logs and returns false", "SMTP102", Resilience.None, """
            using System;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static bool Run(string host, int port) => new Sender(host, port).TrySend(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public bool TrySend(MimeMessage message)
                {
                    try
                    {
                        using var smtp = new SmtpClient();
                        smtp.Connect(host, port, SecureSocketOptions.None);
                        smtp.Send(message);
                        smtp.Disconnect(true);
                        return true;
                    }
                    catch (SmtpCommandException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                        return false;
                    }
                }
            }

            """ + MimeMail),

        new("SMTP102 MailKit AUTH failure taken for bad credentials", "SMTP102", Resilience.None, """
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static bool Run(string host, int port) => new Sender(host, port).TrySend(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public bool TrySend(MimeMessage message)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect(host, port, SecureSocketOptions.None);
                    try
                    {
                        smtp.Authenticate("user", "secret");
                        smtp.Send(message);
                    }
                    catch (AuthenticationException)
                    {
                        return false;
                    }

                    smtp.Disconnect(true);
                    return true;
                }
            }

            """ + MimeMail),

        new("SMTP103 Polly v7 policy that retries every SmtpCommandException", "SMTP103", Resilience.V7, """
            using System;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;
            using Polly;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                private static readonly ISyncPolicy Retry = Policy
                    .Handle<SmtpCommandException>()
                    .WaitAndRetry(2, attempt => TimeSpan.FromMilliseconds(10));

                public void Send(MimeMessage message) => Retry.Execute(() =>
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect(host, port, SecureSocketOptions.None);
                    smtp.Send(message);
                    smtp.Disconnect(true);
                });
            }

            """ + MimeMail),

        new("SMTP103 MailKit retry loop that retries every SmtpCommandException", "SMTP103", Resilience.None, """
            using System.Threading;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public void Send(MimeMessage message)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            using var smtp = new SmtpClient();
                            smtp.Connect(host, port, SecureSocketOptions.None);
                            smtp.Send(message);
                            smtp.Disconnect(true);
                            return;
                        }
                        catch (SmtpCommandException) when (attempt < 3)
                        {
                            Thread.Sleep(10);
                        }
                    }
                }
            }

            """ + MimeMail),

        new("SMTP104 Polly v8 pipeline with a zero delay", "SMTP104", Resilience.V8, """
            using System;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;
            using Polly;
            using Polly.Retry;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(),
                        Delay = TimeSpan.Zero,
                        MaxRetryAttempts = 2,
                    })
                    .Build();

                public void Send(MimeMessage message) => Retry.Execute(() =>
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect(host, port, SecureSocketOptions.None);
                    smtp.Send(message);
                    smtp.Disconnect(true);
                });
            }

            """ + MimeMail),

        new("SMTP104 MailKit retry loop with no wait and no bound", "SMTP104", Resilience.None, """
            using System.IO;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public void Send(MimeMessage message)
                {
                    while (true)
                    {
                        try
                        {
                            using var smtp = new SmtpClient();
                            smtp.Connect(host, port, SecureSocketOptions.None);
                            smtp.Send(message);
                            smtp.Disconnect(true);
                            return;
                        }
                        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500)
                        {
                        }
                        catch (SmtpProtocolException)
                        {
                        }
                        catch (IOException)
                        {
                        }
                    }
                }
            }

            """ + MimeMail),

        new("SMTP104 Polly v7 Retry with no wait, async", "SMTP104", Resilience.V7, """
            using System.Net.Mail;
            using System.Threading.Tasks;
            using Polly;

            namespace ProofApp;

            public static class Scenario
            {
                public static Task Run(string host, int port) => new Sender(host, port).SendAsync(Mail.Create());
            }

            class Sender(string host, int port)
            {
                private static readonly IAsyncPolicy Retry = Policy
                    .Handle<SmtpException>(ex => ex is not SmtpFailedRecipientException && ((int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500))
                    .RetryAsync(2);

                public Task SendAsync(MailMessage message) => Retry.ExecuteAsync(async () =>
                {
                    using var smtp = new SmtpClient(host, port);
                    await smtp.SendMailAsync(message);
                });
            }

            """ + NetMail),

        new("SMTP105 Polly v7 Handle<SmtpException> that tests 421 only", "SMTP105", Resilience.V7, """
            using System;
            using System.Net.Mail;
            using Polly;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                private static readonly ISyncPolicy Retry = Policy
                    .Handle<SmtpException>(ex => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                    .WaitAndRetry(2, attempt => TimeSpan.FromMilliseconds(10));

                public void Send(MailMessage message) => Retry.Execute(() =>
                {
                    using var smtp = new SmtpClient(host, port);
                    smtp.Send(message);
                });
            }

            """ + NetMail),

        new("SMTP106 System.Net.Mail resends the whole message to failed recipients", "SMTP106", Resilience.None, """
            using System;
            using System.Net.Mail;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port)
                {
                    var message = Mail.Create();
                    new Sender(host, port).Send(message);
                    if (message.To.Count != 2)
                    {
                        throw new InvalidOperationException("The caller's message lost its recipients.");
                    }
                }
            }

            class Sender(string host, int port)
            {
                public void Send(MailMessage message)
                {
                    using var smtp = new SmtpClient(host, port);
                    try
                    {
                        smtp.Send(message);
                    }
                    catch (SmtpFailedRecipientException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                        smtp.Send(message);
                    }
                }
            }

            """ + NetMail),

        new("SMTP107 MailKit retry loop that goes round again after the send succeeded", "SMTP107", Resilience.None, """
            using System.Threading;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public void Send(MimeMessage message)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            using var smtp = new SmtpClient();
                            smtp.Connect(host, port, SecureSocketOptions.None);
                            smtp.Send(message);
                        }
                        catch (SmtpCommandException) when (attempt < 3)
                        {
                            Thread.Sleep(10);
                        }
                    }
                }
            }

            """ + MimeMail, FixedCopiesWithoutFault: 1),

        new("SMTP108 MailKit retry loop that sends again on the client a 421 closed", "SMTP108", Resilience.None, """
            using System.Threading;
            using MailKit.Net.Smtp;
            using MailKit.Security;
            using MimeKit;

            namespace ProofApp;

            public static class Scenario
            {
                public static void Run(string host, int port) => new Sender(host, port).Send(Mail.Create());
            }

            class Sender(string host, int port)
            {
                public void Send(MimeMessage message)
                {
                    using var smtp = new SmtpClient();
                    smtp.Connect(host, port, SecureSocketOptions.None);
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            smtp.Send(message);
                            return;
                        }
                        catch (SmtpCommandException) when (attempt < 3)
                        {
                            Thread.Sleep(10);
                        }
                    }
                }
            }

            """ + MimeMail),
    ];
}
