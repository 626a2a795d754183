using MailKit.Net.Smtp;
using MimeKit;

namespace SmtpAnalyzers.Sample;

/// <summary>A home-made retry around a MailKit send.</summary>
public sealed class RetryHelper
{
    private const int MaxAttempts = 3;

    private int _lastSmtpStatus;

    public async Task SendAsync(ISmtpClient smtp, MimeMessage message, CancellationToken cancellationToken = default)
    {
        // SMTP104: attempts follow each other with no delay, which only makes
        // a greylisting server or a busy one refuse again.
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                await smtp.SendAsync(message, cancellationToken);

                // SMTP001: assigned to a field whose name says it holds an SMTP status.
                _lastSmtpStatus = 250;
                return;
            }
            // SMTP103: only 550 is given up; every other 5xx (552, 553, 554, ...) goes round again.
            catch (SmtpCommandException ex) when (attempt < MaxAttempts)
            {
                _lastSmtpStatus = (int)ex.StatusCode;

                // SMTP001: compared with a field whose name says it holds an SMTP status.
                if (_lastSmtpStatus == 550)
                {
                    throw;
                }
            }
        }
    }

    // SMTP001 twice: an int parameter whose name says it holds an SMTP reply.
    public static bool IsGreylisted(int smtpReplyCode) => smtpReplyCode == 450 || smtpReplyCode == 451;

    // SMTP001: the field again, in an `is` pattern.
    public bool LastSendSucceeded => _lastSmtpStatus is 250;
}
