using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.DisconnectedClientRetryAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP108 fires, what it says, and the near misses where it must stay silent.</summary>
public class DisconnectedClientRetryAnalyzerTests
{
    private static DiagnosticResult Smtp108(int markup, string send, string client, string caught) =>
        new DiagnosticResult(RuleIds.DisconnectedClientRetry, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage($"'{send}' is retried on '{client}' after a failure that closes its connection (caught as {caught}), and nothing connects it again: the retry throws ServiceNotConnectedException");

    [Fact]
    public Task SharedFieldClientRetriedAfterCommandException_ReportsTheSend() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            private readonly SmtpClient _client = new SmtpClient();

            async Task M(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await {|#0:_client.SendAsync(message)|};
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """).WithExpected(Smtp108(0, "_client.SendAsync", "_client", "SmtpCommandException"))
        .RunAsync();

    [Fact]
    public Task ParameterClientRetriedAfterProtocolException_ReportsTheSend() => VerifyCS.AnalyzerTest("""
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(ISmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        {|#0:smtp.Send(message)|};
                        break;
                    }
                    catch (SmtpProtocolException)
                    {
                        Thread.Sleep(2000);
                    }
                }
            }
        }
        """).WithExpected(Smtp108(0, "smtp.Send", "smtp", "SmtpProtocolException"))
        .RunAsync();

    [Fact]
    public Task FilterThatAdmits421_ReportsTheSend() => VerifyCS.AnalyzerTest("""
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
                        await {|#0:smtp.SendAsync(message)|};
                        return;
                    }
                    catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """).WithExpected(Smtp108(0, "smtp.SendAsync", "smtp", "SmtpCommandException"))
        .RunAsync();

    [Fact]
    public Task CatchOfIOExceptionBesideCommandException_ReportsOnce() => VerifyCS.AnalyzerTest("""
        using System.IO;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(ISmtpClient smtp, MimeMessage message)
            {
                var attempt = 0;
                while (attempt < 3)
                {
                    try
                    {
                        await {|#0:smtp.SendAsync(message)|};
                        return;
                    }
                    catch (IOException)
                    {
                        attempt++;
                        await Task.Delay(2000);
                    }
                    catch (SmtpCommandException)
                    {
                        attempt++;
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """).WithExpected(Smtp108(0, "smtp.SendAsync", "smtp", "IOException"))
        .RunAsync();

    [Fact]
    public Task ClientCreatedInsideTheRetry_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var client = new SmtpClient();
                    try
                    {
                        await client.ConnectAsync("smtp.example.com", 587);
                        await client.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ConnectInsideTheLoop_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            private readonly SmtpClient _client = new SmtpClient();

            async Task M(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await _client.ConnectAsync("smtp.example.com", 587);
                        await _client.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task IsConnectedCheckGuardingAConnect_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        if (!smtp.IsConnected)
                        {
                            smtp.Connect("smtp.example.com", 587);
                        }

                        smtp.Send(message);
                        return;
                    }
                    catch (SmtpProtocolException)
                    {
                        Thread.Sleep(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ConnectThroughAHelperOfTheCompilation_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            private readonly SmtpClient _client = new SmtpClient();

            async Task M(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await EnsureConnectedAsync();
                        await _client.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000);
                    }
                }
            }

            private async Task EnsureConnectedAsync()
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectAsync("smtp.example.com", 587);
                }
            }
        }
        """);

    [Fact]
    public Task DisconnectInsideTheLoopIsNoConnect_Reports() => VerifyCS.AnalyzerTest("""
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
                        await {|#0:smtp.SendAsync(message)|};
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await smtp.DisconnectAsync(false);
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """).WithExpected(Smtp108(0, "smtp.SendAsync", "smtp", "SmtpCommandException"))
        .RunAsync();

    [Fact]
    public Task FilterThatAdmitsOnlyGreylisting_IsSilent() => VerifyCS.AnalyzerAsync("""
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
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.MailboxBusy || ex.StatusCode == SmtpStatusCode.ErrorInProcessing)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task SystemNetMailClient_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading.Tasks;

        class C
        {
            private readonly SmtpClient _client = new SmtpClient("smtp.example.com");

            async Task M(MailMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await _client.SendMailAsync(message);
                        return;
                    }
                    catch (SmtpException) when (attempt < 3)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task HandlerThatTestsTheStatusInItsBody_IsSilent() => VerifyCS.AnalyzerAsync("""
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
                    catch (SmtpCommandException ex) when (attempt < 3)
                    {
                        if (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                        {
                            throw;
                        }

                        await Task.Delay(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ForeachOverMessagesOnOneClient_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, IEnumerable<MimeMessage> messages)
            {
                foreach (var message in messages)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    catch (SmtpCommandException)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
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
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        await {|#0:smtp.SendAsync(message)|};
                        return;
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
    public Task RetryInATestMethod_IsSilentByDefault() =>
        VerifyCS.AnalyzerAsync(TestMethodSource.Replace("{|#0:smtp.SendAsync(message)|}", "smtp.SendAsync(message)"));

    [Fact]
    public Task RetryInATestMethod_ReportsWhenTheOptionTurnsTheRulesOn() =>
        VerifyCS.AnalyzerTest(TestMethodSource, "smtp_analyzers.transient_rules_in_tests = true\n")
            .WithExpected(Smtp108(0, "smtp.SendAsync", "smtp", "SmtpCommandException"))
            .RunAsync();

    /// <summary>
    /// A retry loop around a send wrapper's call (issue 17), whose client the wrapper holds and never connects again:
    /// SMTP103–SMTP107 judge the call like a send, but the wrapper hides the client, and whether it connects again is
    /// the wrapper's own business. Not reported at the call (its receiver is the wrapper, not a client).
    /// </summary>
    [Fact]
    public Task LoopAroundASendWrapper_IsSilent() => VerifyCS.AnalyzerAsync(SendWrapperSources.Usings + """
        public sealed class HeldClientSender(ISmtpClient smtp)
        {
            public Task SendMailAsync(MimeMessage message) => smtp.SendAsync(message);
        }

        public sealed class Notifier(HeldClientSender sender)
        {
            public async Task NotifyAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await sender.SendMailAsync(message);
                        return;
                    }
                    catch (SmtpProtocolException) when (attempt < 3)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }
        }
        """);
}
