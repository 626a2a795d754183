using System.Net;
using System.Net.Mail;

namespace SmtpAnalyzers.Sample;

/// <summary>Sends plain-text notifications with System.Net.Mail.</summary>
public sealed class SystemNetMailNotifier(SmtpSettings settings)
{
    public async Task<bool> NotifyAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        // Near misses: the port and the timeout are numbers, not reply codes.
        using var smtp = new SmtpClient(settings.Host, 587)
        {
            EnableSsl = true,
            Credentials = new NetworkCredential(settings.UserName, settings.Password),
        };
        smtp.Timeout = 30000;

        using var message = new MailMessage(settings.From, to, subject, body);
        try
        {
            await smtp.SendMailAsync(message, cancellationToken);
            return true;
        }
        // SMTP001: System.Net.Mail's SmtpException, 554 written as a number (SmtpStatusCode.TransactionFailed).
        catch (SmtpException ex) when ((int)ex.StatusCode == 554)
        {
            Console.Error.WriteLine($"Rejected as spam or policy: {ex.Message}");
            return false;
        }
        // SMTP003: 5501 is not a reply code; a typo for 550 or 551, so this clause never matches.
        catch (SmtpException ex) when (ex.StatusCode == (SmtpStatusCode)5501)
        {
            Console.Error.WriteLine($"Unknown mailbox {to}: {ex.Message}");
            return false;
        }
        catch (SmtpException ex) when (ShouldRetry(ex))
        {
            Console.Error.WriteLine($"Temporary failure, will retry later: {ex.Message}");
            throw;
        }
    }

    public void Broadcast(SmtpClient smtp, MailMessage message)
    {
        try
        {
            smtp.Send(message);
        }
        catch (SmtpFailedRecipientsException ex)
        {
            Console.Error.WriteLine($"{ex.InnerExceptions.Length} recipients refused, sending again");

            // SMTP106: the accepted recipients already have the message, and get it twice.
            // SMTP101 as well: nothing catches what this second send throws.
            smtp.Send(message);
        }
    }

    // SMTP001 on each arm: 421, 450, 451 and 452 are written as numbers.
    private static bool ShouldRetry(SmtpException ex) => (int)ex.StatusCode switch
    {
        421 or 450 or 451 => true,
        452 => true,
        _ => false,
    };
}
