using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpAnalyzers.Sample;

/// <summary>A sender that keeps one MailKit client connected for the life of the service.</summary>
public sealed class SharedClientSender(SmtpSettings settings)
{
    private readonly SmtpClient _client = new();

    public Task StartAsync(CancellationToken cancellationToken) =>
        _client.ConnectAsync(settings.Host, settings.Port, SecureSocketOptions.StartTls, cancellationToken);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        // SMTP107: nothing leaves the loop once the send has worked, so the message goes out three times.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                // SMTP108: a lost connection closes _client, and nothing connects it again before the retry.
                await _client.SendAsync(message, cancellationToken);
            }
            catch (SmtpProtocolException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
            }
        }
    }
}
