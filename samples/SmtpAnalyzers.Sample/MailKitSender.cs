using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpAnalyzers.Sample;

/// <summary>Sends mail through MailKit: connect, authenticate, send, disconnect.</summary>
public sealed class MailKitSender(SmtpSettings settings)
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        using var smtp = new SmtpClient();
        smtp.Timeout = 30000; // near miss: a timeout in milliseconds, not a reply code

        // Near miss: 587 is the submission port.
        await smtp.ConnectAsync(settings.Host, 587, SecureSocketOptions.StartTls, cancellationToken);
        await smtp.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);

        // SMTP101: this send has no try/catch and no retry, so a 4xx reply
        // (greylisting, a busy server) escapes as an exception and the message is lost.
        var response = await smtp.SendAsync(message, cancellationToken);

        // SMTP006: SendAsync returns the server's last text without its code, and only after a 250,
        // so this logs every delivered message as unexpected.
        if (!response.StartsWith("250"))
        {
            Console.Error.WriteLine($"Unexpected reply: {response}");
        }

        await smtp.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>The same send with the error handling people usually write first.</summary>
    public async Task<bool> TrySendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, SecureSocketOptions.StartTls, cancellationToken);
            await smtp.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
            await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(true, cancellationToken);
            return true;
        }
        // SMTP001: 421 is written as a bare number (SmtpStatusCode.ServiceNotAvailable).
        // SMTP102: the filter takes a transient reply alone, and the clause gives up on it.
        catch (SmtpCommandException ex) when ((int)ex.StatusCode == 421)
        {
            Console.Error.WriteLine($"Server is closing the connection: {ex.Message}");
            return false;
        }
        // SMTP001: the cast hides SmtpStatusCode.InsufficientStorage.
        // SMTP102: as above, for 452.
        catch (SmtpCommandException ex) when (ex.StatusCode == (SmtpStatusCode)452)
        {
            Console.Error.WriteLine($"Server is out of storage: {ex.Message}");
            return false;
        }
        // SMTP102: a 421 or 454 during AUTH arrives as AuthenticationException too.
        // Logging it as "bad credentials" and returning drops a transient failure.
        catch (AuthenticationException ex)
        {
            Console.Error.WriteLine($"Bad SMTP credentials: {ex.Message}");
            return false;
        }
        // SMTP102: logs and returns, so a greylisted (450/451) message is never sent.
        catch (SmtpCommandException ex)
        {
            Console.Error.WriteLine($"Send failed ({ex.StatusCode}): {ex.Message}");
            return false;
        }
    }
}
