using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.WholeMessageResentAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP106 fires, what it says, and the near misses where it must stay silent.</summary>
public class WholeMessageResentAnalyzerTests
{
    [Fact]
    public Task SendAgainFromFailedRecipientsHandler_ReportsTheRepeatedSend() => VerifyCS.AnalyzerTest("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                try
                {
                    smtp.Send(message);
                }
                catch (SmtpFailedRecipientsException)
                {
                    Thread.Sleep(5000);
                    {|#0:smtp.Send(message)|};
                }
            }
        }
        """).WithExpected(new DiagnosticResult(RuleIds.WholeMessageResent, DiagnosticSeverity.Warning).WithLocation(0)
            .WithMessage("'smtp.Send' sends 'message' again to all its recipients after SmtpFailedRecipientsException: the recipients that accepted it the first time get it twice"))
        .RunAsync();

    [Fact]
    public Task AsyncSendsOfALocalAndOfAField_Report() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading.Tasks;

        class C
        {
            private readonly MailMessage _message = new MailMessage("a@example.com", "b@example.com, c@example.com");

            async Task M(SmtpClient smtp)
            {
                using var message = new MailMessage("a@example.com", "b@example.com, c@example.com");
                try
                {
                    await smtp.SendMailAsync(message);
                }
                catch (SmtpFailedRecipientException ex) when (ex.StatusCode == SmtpStatusCode.MailboxBusy)
                {
                    await Task.Delay(5000);
                    await {|SMTP106:smtp.SendMailAsync(message)|}.ConfigureAwait(false);
                }

                try
                {
                    await smtp.SendMailAsync(this._message);
                }
                catch (System.Net.Mail.SmtpFailedRecipientsException)
                {
                    if (_message.Priority == MailPriority.High)
                        {|SMTP106:smtp.Send(_message)|};
                }
            }
        }
        """);

    [Fact]
    public Task RetryLoopWhoseRecipientClauseGoesRound_ReportsTheSendInTheTry() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading;

        class C
        {
            bool M(SmtpClient smtp, MailMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        {|SMTP106:smtp.Send(message)|};
                        return true;
                    }
                    catch (SmtpFailedRecipientsException)
                    {
                        Thread.Sleep(1000 * attempt);
                    }
                    catch (SmtpException)
                    {
                        return false;
                    }
                }

                return false;
            }
        }
        """);

    [Fact]
    public Task HandlersThatChangeTheRecipientsOrTheMessage_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                try { smtp.Send(message); }
                catch (SmtpFailedRecipientException ex)
                {
                    message.To.Clear();
                    message.CC.Clear();
                    message.Bcc.Clear();
                    message.To.Add(ex.FailedRecipient);
                    smtp.Send(message);
                }

                try { smtp.Send(message); }
                catch (SmtpFailedRecipientsException ex)
                {
                    foreach (var failed in ex.InnerExceptions)
                    {
                        using var single = new MailMessage(message.From!.Address, failed.FailedRecipient, message.Subject, message.Body);
                        smtp.Send(single);
                    }
                }

                try { smtp.Send(message); }
                catch (SmtpFailedRecipientsException)
                {
                    message = new MailMessage("a@example.com", "b@example.com");
                    smtp.Send(message);
                }

                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpFailedRecipientsException ex)
                    {
                        message.Bcc.Clear();
                        message.To.Clear();
                        message.To.Add(ex.FailedRecipient);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task GeneralSmtpExceptionAndOtherMessages_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net.Mail;

        class C
        {
            void M(SmtpClient smtp, MailMessage message, MailMessage apology, Queue<MailMessage> queue)
            {
                try { smtp.Send(message); }
                catch (SmtpException) { smtp.Send(message); }

                try { smtp.Send(message); }
                catch (Exception) { smtp.Send(message); }

                try { smtp.Send(message); }
                catch (SmtpFailedRecipientsException) { smtp.Send(apology); }

                try { smtp.Send("a@example.com", "b@example.com", "s", "b"); }
                catch (SmtpFailedRecipientException) { smtp.Send("a@example.com", "b@example.com", "s", "b"); }

                while (queue.TryDequeue(out var next))
                {
                    try { smtp.Send(next); }
                    catch (SmtpFailedRecipientsException) { }
                }

                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpFailedRecipientsException) { return; }
                }
            }
        }
        """);

    [Fact]
    public Task MailKitRecipientRejection_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
                {
                    await Task.Delay(5000);
                    await smtp.SendAsync(message);
                }
            }
        }
        """);
}
