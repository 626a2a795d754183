using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.DroppedTransientFailureAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP102 fires, what it says, and the near misses where it must stay silent.</summary>
public class DroppedTransientFailureAnalyzerTests
{
    private static DiagnosticResult Smtp102(int markup, string reason) =>
        new DiagnosticResult(RuleIds.DroppedTransientFailure, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage("This catch clause drops transient SMTP failures: " + reason);

    [Fact]
    public Task LogAndReturnFalse_ReportsTheCatchKeyword() => VerifyCS.AnalyzerTest("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                    return true;
                }
                {|#0:catch|} (SmtpCommandException ex)
                {
                    Console.Error.WriteLine($"Send failed ({ex.StatusCode}): {ex.Message}");
                    return false;
                }
            }
        }
        """).WithExpected(Smtp102(0, "it catches SmtpCommandException but neither rethrows, retries, defers the message nor tests the status code"))
        .RunAsync();

    [Fact]
    public Task EmptyAndCatchAllClauses_Report() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void A(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); } {|SMTP102:catch|} (SmtpProtocolException) { }
                try { smtp.Send(message); } {|SMTP102:catch|} (Exception ex) { Console.WriteLine(ex); }
                try { smtp.Send(message); } {|SMTP102:catch|} { }
            }
        }
        """);

    [Fact]
    public Task SystemNetMailClauses_Report() => VerifyCS.AnalyzerTest("""
        using System.Net.Mail;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MailMessage message)
            {
                try
                {
                    await smtp.SendMailAsync(message);
                }
                {|#0:catch|} (SmtpFailedRecipientsException)
                {
                    return false;
                }
                {|#1:catch|} (SmtpException)
                {
                    return false;
                }

                return true;
            }
        }
        """).WithExpected(
            Smtp102(0, "it catches SmtpFailedRecipientsException but neither rethrows, retries, defers the message nor tests the status code"),
            Smtp102(1, "it catches SmtpException but neither rethrows, retries, defers the message nor tests the status code"))
        .RunAsync();

    [Fact]
    public Task AuthenticationExceptionTreatedAsBadCredentials_Reports() => VerifyCS.AnalyzerTest("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;

        class C
        {
            async Task<bool> M(SmtpClient smtp)
            {
                try
                {
                    await smtp.AuthenticateAsync("user", "password");
                    return true;
                }
                {|#0:catch|} (AuthenticationException ex)
                {
                    Console.Error.WriteLine($"Bad SMTP credentials: {ex.Message}");
                    return false;
                }
            }
        }
        """).WithExpected(Smtp102(0,
            "a 421 or 454 during authentication arrives as AuthenticationException too, and this clause gives up as if the credentials were wrong"))
        .RunAsync();

    [Fact]
    public Task StatusFilterThatDropsDoesNotExemptLaterClauses() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.AuthenticateAsync("user", "password");
                    await smtp.SendAsync(message);
                    return true;
                }
                // The filter takes a transient reply alone and gives up on it: a drop too.
                {|SMTP102:catch|} (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                {
                    return false;
                }
                {|SMTP102:catch|} (AuthenticationException)
                {
                    return false;
                }
                {|SMTP102:catch|} (SmtpCommandException)
                {
                    return false;
                }
            }
        }
        """);

    [Fact]
    public Task RethrowAndWrapAndThrow_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); } catch (SmtpCommandException ex) { Console.WriteLine(ex); throw; }
                try { smtp.Send(message); } catch (SmtpCommandException ex) { throw new InvalidOperationException("send failed", ex); }
                try { smtp.Send(message); } catch (Exception ex) { if (ex is OperationCanceledException) throw; else throw new ApplicationException("x", ex); }
            }
        }
        """);

    [Fact]
    public Task StatusCodeInFilterOrCondition_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MailKit.Security;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                try { await smtp.SendAsync(message); }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500) { return false; }

                try { await smtp.SendAsync(message); }
                catch (SmtpCommandException ex)
                {
                    if (ex.StatusCode == SmtpStatusCode.MailboxUnavailable)
                    {
                        return false;
                    }
                }

                try { await smtp.AuthenticateAsync("user", "password"); }
                catch (AuthenticationException ex) when (ex.InnerException is SmtpCommandException { StatusCode: SmtpStatusCode.AuthenticationInvalidCredentials })
                {
                    return false;
                }

                return true;
            }
        }
        """);

    [Fact]
    public Task StatusCodeTestedAfterItIsLogged_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            bool M(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); return true; }
                catch (SmtpCommandException ex)
                {
                    Console.WriteLine($"Send failed: {ex.StatusCode}");
                    if (ex.StatusCode == SmtpStatusCode.MailboxBusy)
                    {
                        return false;
                    }

                    return false;
                }
            }
        }
        """);

    [Fact]
    public Task StatusCodeOnlyInACommentTextALongerNameOrAfterTheClause_Reports() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            int StatusCodeSeen;

            bool M(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); return true; }
                {|SMTP102:catch|} (SmtpCommandException ex)
                {
                    // if (ex.StatusCode == SmtpStatusCode.MailboxBusy) we should retry
                    Console.WriteLine("StatusCode unknown: " + ex.Message);
                    if (StatusCodeSeen > 0)
                    {
                        return false;
                    }

                    return false;
                }
            }

            static bool Busy(SmtpCommandException ex) => ex.StatusCode == SmtpStatusCode.MailboxBusy;
        }
        """);

    [Fact]
    public Task QueueDeferralAndSendingAgain_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        interface IOutbox
        {
            Task EnqueueAsync(MimeMessage message);
        }

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, IOutbox outbox, SmtpClient fallback)
            {
                try { await smtp.SendAsync(message); }
                catch (SmtpCommandException) { await outbox.EnqueueAsync(message); }

                try { await smtp.SendAsync(message); }
                catch (SmtpProtocolException) { ScheduleRetry(message); }

                try { await smtp.SendAsync(message); }
                catch (SmtpProtocolException) { await fallback.SendAsync(message); }
            }

            void ScheduleRetry(MimeMessage message) { }
        }
        """);

    [Fact]
    public Task DeferringNameWrittenWithAUnicodeEscape_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        interface IMailQueue
        {
            Task EnqueueAsync(MimeMessage message);
        }

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, IMailQueue pending)
            {
                try { await smtp.SendAsync(message); }
                catch (SmtpCommandException) { await pending.\u0045nqueueAsync(message); }
            }
        }
        """);

    [Fact]
    public Task ReturnOnlyInALambdaACommentTextOrALongerName_IsNoWayOut() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); }
                catch (SmtpCommandException ex)
                {
                    Func<int> length = () => { return ex.Message.Length; };
                    int Code() { return length(); }
                    var returnCode = Code(); // return, break or goto here would give up
                    Console.WriteLine("return " + returnCode);
                    throw;
                }

                try { smtp.Send(message); }
                {|SMTP102:catch|} (SmtpProtocolException)
                {
                    Func<int> never = () => { throw new InvalidOperationException(); };
                    return;
                }
            }
        }
        """);

    [Fact]
    public Task RetryLoopWithContinueOrFallThrough_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
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
                    catch (SmtpCommandException ex)
                    {
                        Console.WriteLine(ex.Message);
                        if (attempt == 3)
                        {
                            return;
                        }

                        await Task.Delay(TimeSpan.FromSeconds(attempt));
                    }
                }

                while (true)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        break;
                    }
                    catch (SmtpProtocolException)
                    {
                        await Task.Delay(1000);
                        continue;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task BreakOutOfTheRetryLoop_Reports() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                while (true)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                    }
                    {|SMTP102:catch|} (SmtpCommandException)
                    {
                        break;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task EarlierClauseHandlesTransientFailures_LaterClauseIsExempt() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                    return true;
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode / 100 == 4)
                {
                    throw;
                }
                catch (SmtpCommandException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return false;
                }
            }
        }
        """);

    [Fact]
    public Task CatchAroundNonSendCodeOrOtherExceptions_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task<bool> M(SmtpClient smtp, MimeMessage message, HttpClient http)
            {
                try { await http.SendAsync(new HttpRequestMessage()); }
                catch (Exception) { return false; }

                try { message.WriteTo(Stream.Null); }
                catch (SmtpCommandException) { return false; }

                try { await smtp.SendAsync(message); }
                catch (OperationCanceledException) { return false; }
                catch (System.Net.Mail.SmtpException) { return false; }
                catch (SmtpCommandException) { throw; }

                return true;
            }
        }
        """);

    [Fact]
    public Task CatchAroundAPollyRetryThatGaveUp_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Polly;

        class C
        {
            async Task<bool> M(ResiliencePipeline pipeline, SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await pipeline.ExecuteAsync(async ct => await smtp.SendAsync(message, ct));
                    return true;
                }
                catch (SmtpCommandException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return false;
                }
            }
        }
        """);

    // C# tries catch clauses in order: after catch (SmtpException), no System.Net.Mail failure reaches catch
    // (Exception); the drop is reported once, where it happens.
    [Fact]
    public Task ClauseAfterOneThatTakesEverySystemNetMailFailure_IsNotJudged() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Mail;
        using System.Threading.Tasks;

        class Sender
        {
            async Task<bool> Send(SmtpClient smtp, MailMessage message)
            {
                try
                {
                    await smtp.SendMailAsync(message);
                    return true;
                }
                {|SMTP102:catch|} (SmtpException)
                {
                    return false;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }
        """);

    // MailKit's send failures are SmtpCommandException, SmtpProtocolException and IOException (a lost connection, as
    // transient as a 421): each clause that gives one up is a drop, and the catch-all after them sees none of them.
    [Fact]
    public Task ClauseAfterOnesThatTakeEveryMailKitFailure_IsNotJudged() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Sender
        {
            bool Send(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    smtp.Send(message);
                    return true;
                }
                {|SMTP102:catch|} (SmtpCommandException)
                {
                    return false;
                }
                {|SMTP102:catch|} (SmtpProtocolException)
                {
                    return false;
                }
                {|SMTP102:catch|} (IOException)
                {
                    return false;
                }
                catch (Exception)
                {
                    return false;
                }
            }
        }
        """);

    // A filtered clause takes only what its filter selects: the failures it leaves reach the next clause.
    [Fact]
    public Task ClauseAfterAFilteredOne_IsStillJudged() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Mail;

        class Sender
        {
            bool Send(SmtpClient smtp, MailMessage message)
            {
                try
                {
                    smtp.Send(message);
                    return true;
                }
                catch (SmtpException ex) when (ex.StatusCode == SmtpStatusCode.MailboxUnavailable)
                {
                    return false;
                }
                {|SMTP102:catch|} (Exception)
                {
                    return false;
                }
            }
        }
        """);
}
