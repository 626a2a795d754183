using MailKit.Net.Smtp;
using MimeKit;

namespace SmtpAnalyzers.Sample;

/// <summary>Delivers queued messages; a message that fails for a passing reason goes back to the queue.</summary>
public sealed class OutboxWorker(Queue<MimeMessage> outbox)
{
    public async Task DeliverAsync(ISmtpClient smtp, MimeMessage message, CancellationToken cancellationToken = default)
    {
        try
        {
            await smtp.SendAsync(message, cancellationToken);
        }
        // SMTP105: only 421 goes back to the queue; greylisting (450, 451) and a full mailbox (452)
        // are just as transient, but they reach the clause below and are given up.
        catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
        {
            outbox.Enqueue(message);
        }
        catch (SmtpCommandException ex)
        {
            Console.Error.WriteLine($"Giving up on {message.MessageId}: {ex.StatusCode}");
            throw;
        }
    }
}
