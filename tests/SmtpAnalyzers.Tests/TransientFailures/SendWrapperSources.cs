namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>
/// The code around the retry loops of the SMTP103–SMTP107 tests with sends one or two calls away (issue 17): an
/// <c>IEmailSender</c> implemented in the compilation whose <c>SendEmailAsync</c> lets MailKit's failures out (a send
/// wrapper), a sender that handles its failures itself (no wrapper: nothing escapes), and a method named <c>Send…</c>
/// that only queues the message (no wrapper: it does not send).
/// </summary>
internal static class SendWrapperSources
{
    public const string Usings = """
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        """;

    public const string Wrappers = """
        public interface IEmailSender
        {
            Task SendEmailAsync(MimeMessage message);
        }

        public sealed class SmtpEmailSender : IEmailSender
        {
            public async Task SendEmailAsync(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com", 587);
                await smtp.SendAsync(message);
                await smtp.DisconnectAsync(true);
            }
        }

        public sealed class QuietSender(ISmtpClient smtp)
        {
            public async Task SendQuietlyAsync(MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex.Message);
                }
            }
        }

        public sealed class Outbox
        {
            public Task SendLaterAsync(MimeMessage message) => Task.CompletedTask;
        }

        """;

    /// <summary>
    /// A periodic job around send wrappers that build their message themselves: one handed nothing, one handed only a
    /// cancellation token. Each turn sends what is due, not the same message again.
    /// </summary>
    public const string PeriodicJob = Usings + "using System.Threading;\n" + Wrappers + """
        public sealed class Digest(IEmailSender sender)
        {
            public async Task RunAsync(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    try
                    {
                        await SendDigestAsync();
                    }
                    catch (SmtpCommandException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }

                    await Task.Delay(TimeSpan.FromHours(1), ct);
                }
            }

            public async Task RunWithTokenAsync(CancellationToken ct)
            {
                while (true)
                {
                    try
                    {
                        await SendPendingAsync(ct);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }
            }

            private Task SendDigestAsync() => sender.SendEmailAsync(new MimeMessage());

            private Task SendPendingAsync(CancellationToken ct) => sender.SendEmailAsync(new MimeMessage());
        }
        """;
}
