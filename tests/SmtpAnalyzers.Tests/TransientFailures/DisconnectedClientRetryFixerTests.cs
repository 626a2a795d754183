using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.DisconnectedClientRetryAnalyzer, SmtpAnalyzers.CodeFixes.DisconnectedClientRetryFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>SMTP108's fix: connect again at the top of the retried block with the arguments the code already uses, or no fix.</summary>
public class DisconnectedClientRetryFixerTests
{
    [Fact]
    public Task FieldClientConnectedByTheClass_ConnectsAgainAsynchronouslyWithTheSameArgumentsButTheOtherMethodsToken() => VerifyCS.FixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class Mailer
        {
            private readonly SmtpClient _client = new SmtpClient();
            private readonly string _host = "smtp.example.com";

            public Task StartAsync(CancellationToken cancellationToken) =>
                _client.ConnectAsync(_host, 587, SecureSocketOptions.StartTls, cancellationToken);

            public async Task SendAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        await {|SMTP108:_client.SendAsync(message)|};
                        return;
                    }
                    catch (SmtpCommandException) when (attempt < 3)
                    {
                        await Task.Delay(2000);
                    }
                }
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class Mailer
        {
            private readonly SmtpClient _client = new SmtpClient();
            private readonly string _host = "smtp.example.com";

            public Task StartAsync(CancellationToken cancellationToken) =>
                _client.ConnectAsync(_host, 587, SecureSocketOptions.StartTls, cancellationToken);

            public async Task SendAsync(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        if (!_client.IsConnected)
                        {
                            await _client.ConnectAsync(_host, 587, SecureSocketOptions.StartTls);
                        }

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
    public Task ParameterClientConnectedInTheMethod_ConnectsAgainSynchronouslyWithTheMethodsToken() => VerifyCS.FixAsync("""
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Mailer
        {
            public void Send(ISmtpClient smtp, MimeMessage message, string host, CancellationToken token)
            {
                smtp.Connect(host, 25, false, token);
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        {|SMTP108:smtp.Send(message, token)|};
                        break;
                    }
                    catch (SmtpProtocolException) when (attempt < 3)
                    {
                        Thread.Sleep(2000);
                    }
                }
            }
        }
        """, """
        using System.Threading;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Mailer
        {
            public void Send(ISmtpClient smtp, MimeMessage message, string host, CancellationToken token)
            {
                smtp.Connect(host, 25, false, token);
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        if (!smtp.IsConnected)
                        {
                            smtp.Connect(host, 25, false, token);
                        }

                        smtp.Send(message, token);
                        break;
                    }
                    catch (SmtpProtocolException) when (attempt < 3)
                    {
                        Thread.Sleep(2000);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task NoConnectCallInTheMethodOrClass_GetsNoFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class Mailer
            {
                public async Task SendAsync(ISmtpClient smtp, MimeMessage message)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            await {|SMTP108:smtp.SendAsync(message)|};
                            return;
                        }
                        catch (SmtpCommandException) when (attempt < 3)
                        {
                            await Task.Delay(2000);
                        }
                    }
                }
            }
            """;
        return VerifyCS.FixAsync(source, source);
    }

    [Fact]
    public Task ConnectArgumentsOutOfScope_GetNoFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class Mailer
            {
                private readonly SmtpClient _client = new SmtpClient();

                public Task StartAsync(string host, int port) => _client.ConnectAsync(host, port);

                public async Task SendAsync(MimeMessage message)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            await {|SMTP108:_client.SendAsync(message)|};
                            return;
                        }
                        catch (SmtpCommandException) when (attempt < 3)
                        {
                            await Task.Delay(2000);
                        }
                    }
                }
            }
            """;
        return VerifyCS.FixAsync(source, source);
    }

    [Fact]
    public Task ClientAlsoAuthenticated_GetsNoFix()
    {
        const string source = """
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            class Mailer
            {
                private readonly SmtpClient _client = new SmtpClient();

                public async Task StartAsync()
                {
                    await _client.ConnectAsync("smtp.example.com", 587);
                    await _client.AuthenticateAsync("user", "secret");
                }

                public async Task SendAsync(MimeMessage message)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            await {|SMTP108:_client.SendAsync(message)|};
                            return;
                        }
                        catch (SmtpCommandException) when (attempt < 3)
                        {
                            await Task.Delay(2000);
                        }
                    }
                }
            }
            """;
        return VerifyCS.FixAsync(source, source);
    }
}
