using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.WholeMessageResentAnalyzer, SmtpAnalyzers.CodeFixes.WholeMessageResentFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>The SMTP106 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class WholeMessageResentFixerTests
{
    private static Task FixWithGeneratedFileAsync(string source, string fixedSource) =>
        VerifyCS.FixTest(source, fixedSource).RunAsync();

    [Fact]
    public Task PluralException_ResendsToTheTransientFailuresOnly() => FixWithGeneratedFileAsync("""
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
                catch (SmtpFailedRecipientsException ex)
                {
                    Thread.Sleep(5000);
                    // One more try.
                    {|SMTP106:smtp.Send(message)|}; // resend
                }
            }
        }
        """, """
        using System.Net.Mail;
        using System.Threading;
        using TestProject;

        class C
        {
            void M(SmtpClient smtp, MailMessage message)
            {
                try
                {
                    smtp.Send(message);
                }
                catch (SmtpFailedRecipientsException ex)
                {
                    Thread.Sleep(5000);
                    // One more try.
                    message.To.Clear();
                    message.CC.Clear();
                    message.Bcc.Clear();
                    foreach (var failed in ex.InnerExceptions)
                    {
                        if (SmtpReplyCodes.IsTransient((int)failed.StatusCode))
                        {
                            message.To.Add(failed.FailedRecipient);
                        }
                    }

                    if (message.To.Count > 0)
                    {
                        smtp.Send(message); // resend
                    }
                }
            }
        }
        """);

    [Fact]
    public Task SingularExceptionWithoutVariable_NamesItAndReadsBothShapes() => FixWithGeneratedFileAsync("""
        using System.Net.Mail;
        using System.Threading.Tasks;

        class C
        {
            async Task M(SmtpClient smtp, MailMessage message, bool urgent)
            {
                try
                {
                    await smtp.SendMailAsync(message);
                }
                catch (SmtpFailedRecipientException)
                {
                    if (urgent)
                        await {|SMTP106:smtp.SendMailAsync(message)|}.ConfigureAwait(false);
                }
            }
        }
        """, """
        using System.Net.Mail;
        using System.Threading.Tasks;
        using TestProject;

        class C
        {
            async Task M(SmtpClient smtp, MailMessage message, bool urgent)
            {
                try
                {
                    await smtp.SendMailAsync(message);
                }
                catch (SmtpFailedRecipientException ex)
                {
                    if (urgent)
                    {
                        message.To.Clear();
                        message.CC.Clear();
                        message.Bcc.Clear();
                        foreach (var failed in ex is SmtpFailedRecipientsException failures ? failures.InnerExceptions : new[] { ex })
                        {
                            if (SmtpReplyCodes.IsTransient((int)failed.StatusCode))
                            {
                                message.To.Add(failed.FailedRecipient);
                            }
                        }

                        if (message.To.Count > 0)
                        {
                            await smtp.SendMailAsync(message).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        """);

    [Fact]
    public Task RetryLoopAndSendThatIsNotAStatement_OfferNoFix()
    {
        const string Source = """
            using System.Net.Mail;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                void Loop(SmtpClient smtp, MailMessage message)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try { {|SMTP106:smtp.Send(message)|}; return; }
                        catch (SmtpFailedRecipientsException) { Thread.Sleep(1000); }
                    }
                }

                Task Returned(SmtpClient smtp, MailMessage message)
                {
                    try { smtp.Send(message); }
                    catch (SmtpFailedRecipientsException) { return {|SMTP106:smtp.SendMailAsync(message)|}; }
                    return Task.CompletedTask;
                }
            }
            """;
        return VerifyCS.FixAsync(Source, Source);
    }

    [Fact]
    public async Task FixAll_RewritesEveryHandlerAndAvoidsTakenNames()
    {
        var test = VerifyCS.FixTest("""
            using System.Net.Mail;

            class C
            {
                void M(SmtpClient smtp, MailMessage message, MailMessage copy)
                {
                    try { smtp.Send(message); }
                    catch (SmtpFailedRecipientsException ex)
                    {
                        var failed = ex.InnerExceptions.Length;
                        {|SMTP106:smtp.Send(message)|};
                    }

                    try { smtp.Send(copy); }
                    catch (SmtpFailedRecipientsException ex)
                    {
                        {|SMTP106:smtp.Send(copy)|};
                    }
                }
            }
            """, """
            using System.Net.Mail;
            using TestProject;

            class C
            {
                void M(SmtpClient smtp, MailMessage message, MailMessage copy)
                {
                    try { smtp.Send(message); }
                    catch (SmtpFailedRecipientsException ex)
                    {
                        var failed = ex.InnerExceptions.Length;
                        message.To.Clear();
                        message.CC.Clear();
                        message.Bcc.Clear();
                        foreach (var failed1 in ex.InnerExceptions)
                        {
                            if (SmtpReplyCodes.IsTransient((int)failed1.StatusCode))
                            {
                                message.To.Add(failed1.FailedRecipient);
                            }
                        }

                        if (message.To.Count > 0)
                        {
                            smtp.Send(message);
                        }
                    }

                    try { smtp.Send(copy); }
                    catch (SmtpFailedRecipientsException ex)
                    {
                        copy.To.Clear();
                        copy.CC.Clear();
                        copy.Bcc.Clear();
                        foreach (var failed in ex.InnerExceptions)
                        {
                            if (SmtpReplyCodes.IsTransient((int)failed.StatusCode))
                            {
                                copy.To.Add(failed.FailedRecipient);
                            }
                        }

                        if (copy.To.Count > 0)
                        {
                            smtp.Send(copy);
                        }
                    }
                }
            }
            """);
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.NumberOfIncrementalIterations = 2;
        await test.RunAsync();
    }
}
