using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.WholeMessageResentAnalyzer, SmtpAnalyzers.CodeFixes.WholeMessageResentFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>The SMTP106 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class WholeMessageResentFixerTests
{
    private static Task FixWithGeneratedFileAsync(string source, string fixedSource) =>
        VerifyCS.FixTest(source, fixedSource).RunAsync();

    private const string PluralInput = """
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
        """;

    private const string PluralFixed = """
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
                    var failures = ex.InnerExceptions;
                    var retry = new MailMessage
                    {
                        From = message.From,
                        Subject = message.Subject,
                        SubjectEncoding = message.SubjectEncoding,
                        Body = message.Body,
                        BodyEncoding = message.BodyEncoding,
                        BodyTransferEncoding = message.BodyTransferEncoding,
                        IsBodyHtml = message.IsBodyHtml,
                        Priority = message.Priority,
                        HeadersEncoding = message.HeadersEncoding,
                        DeliveryNotificationOptions = message.DeliveryNotificationOptions,
                    };
                    if (message.Sender != null)
                    {
                        retry.Sender = message.Sender;
                    }

                    retry.Headers.Add(message.Headers);
                    foreach (var item in message.ReplyToList)
                    {
                        retry.ReplyToList.Add(item);
                    }

                    foreach (var item in message.Attachments)
                    {
                        retry.Attachments.Add(item);
                    }

                    foreach (var item in message.AlternateViews)
                    {
                        retry.AlternateViews.Add(item);
                    }

                    foreach (var failure in failures)
                    {
                        if (failure.FailedRecipient is not string recipient || !SmtpReplyCodes.IsTransient((int)failure.StatusCode))
                        {
                            throw;
                        }

                        retry.To.Add(recipient);
                    }

                    smtp.Send(retry); // resend
                }
            }
        }
        """;

    [Fact]
    public Task PluralException_SendsANewMessageToTheTransientFailuresAndRethrowsAPermanentOne() =>
        FixWithGeneratedFileAsync(PluralInput, PluralFixed);

    /// <summary>
    /// Where nullable annotations are on, <c>MailMessage.From</c> reads as nullable and its setter takes no null: the
    /// copy says that a message that was sent had one, and the fixed code gets no CS8601 (the harness checks).
    /// </summary>
    [Fact]
    public Task NullableContext_CopiesFromWithoutANullableWarning() => FixWithGeneratedFileAsync(
        "#nullable enable\n" + PluralInput,
        "#nullable enable\n" + PluralFixed.Replace("From = message.From,", "From = message.From!,", StringComparison.Ordinal));

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
                        var failures = ex is SmtpFailedRecipientsException all ? all.InnerExceptions : new[] { ex };
                        var retry = new MailMessage
                        {
                            From = message.From,
                            Subject = message.Subject,
                            SubjectEncoding = message.SubjectEncoding,
                            Body = message.Body,
                            BodyEncoding = message.BodyEncoding,
                            BodyTransferEncoding = message.BodyTransferEncoding,
                            IsBodyHtml = message.IsBodyHtml,
                            Priority = message.Priority,
                            HeadersEncoding = message.HeadersEncoding,
                            DeliveryNotificationOptions = message.DeliveryNotificationOptions,
                        };
                        if (message.Sender != null)
                        {
                            retry.Sender = message.Sender;
                        }

                        retry.Headers.Add(message.Headers);
                        foreach (var item in message.ReplyToList)
                        {
                            retry.ReplyToList.Add(item);
                        }

                        foreach (var item in message.Attachments)
                        {
                            retry.Attachments.Add(item);
                        }

                        foreach (var item in message.AlternateViews)
                        {
                            retry.AlternateViews.Add(item);
                        }

                        foreach (var failure in failures)
                        {
                            if (failure.FailedRecipient is not string recipient || !SmtpReplyCodes.IsTransient((int)failure.StatusCode))
                            {
                                throw;
                            }

                            retry.To.Add(recipient);
                        }

                        await smtp.SendMailAsync(retry).ConfigureAwait(false);
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
                        var failures = ex.InnerExceptions;
                        var retry = new MailMessage
                        {
                            From = message.From,
                            Subject = message.Subject,
                            SubjectEncoding = message.SubjectEncoding,
                            Body = message.Body,
                            BodyEncoding = message.BodyEncoding,
                            BodyTransferEncoding = message.BodyTransferEncoding,
                            IsBodyHtml = message.IsBodyHtml,
                            Priority = message.Priority,
                            HeadersEncoding = message.HeadersEncoding,
                            DeliveryNotificationOptions = message.DeliveryNotificationOptions,
                        };
                        if (message.Sender != null)
                        {
                            retry.Sender = message.Sender;
                        }

                        retry.Headers.Add(message.Headers);
                        foreach (var item in message.ReplyToList)
                        {
                            retry.ReplyToList.Add(item);
                        }

                        foreach (var item in message.Attachments)
                        {
                            retry.Attachments.Add(item);
                        }

                        foreach (var item in message.AlternateViews)
                        {
                            retry.AlternateViews.Add(item);
                        }

                        foreach (var failure in failures)
                        {
                            if (failure.FailedRecipient is not string recipient || !SmtpReplyCodes.IsTransient((int)failure.StatusCode))
                            {
                                throw;
                            }

                            retry.To.Add(recipient);
                        }

                        smtp.Send(retry);
                    }

                    try { smtp.Send(copy); }
                    catch (SmtpFailedRecipientsException ex)
                    {
                        var failures = ex.InnerExceptions;
                        var retry = new MailMessage
                        {
                            From = copy.From,
                            Subject = copy.Subject,
                            SubjectEncoding = copy.SubjectEncoding,
                            Body = copy.Body,
                            BodyEncoding = copy.BodyEncoding,
                            BodyTransferEncoding = copy.BodyTransferEncoding,
                            IsBodyHtml = copy.IsBodyHtml,
                            Priority = copy.Priority,
                            HeadersEncoding = copy.HeadersEncoding,
                            DeliveryNotificationOptions = copy.DeliveryNotificationOptions,
                        };
                        if (copy.Sender != null)
                        {
                            retry.Sender = copy.Sender;
                        }

                        retry.Headers.Add(copy.Headers);
                        foreach (var item in copy.ReplyToList)
                        {
                            retry.ReplyToList.Add(item);
                        }

                        foreach (var item in copy.Attachments)
                        {
                            retry.Attachments.Add(item);
                        }

                        foreach (var item in copy.AlternateViews)
                        {
                            retry.AlternateViews.Add(item);
                        }

                        foreach (var failure in failures)
                        {
                            if (failure.FailedRecipient is not string recipient || !SmtpReplyCodes.IsTransient((int)failure.StatusCode))
                            {
                                throw;
                            }

                            retry.To.Add(recipient);
                        }

                        smtp.Send(retry);
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
