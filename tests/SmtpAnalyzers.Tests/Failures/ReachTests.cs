using Smtp102 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.DroppedTransientFailureAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp104 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnboundedRetryLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp105 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.SingleTransientCodeAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.Failures;

/// <summary>Status logic that looks right and still drops or retries the wrong failures (issue 17, "Reach").</summary>
public class ReachTests
{
    [Fact]
    public Task FilterSelectingTheTransientRepliesThenGivingUp_IsADrop() => Smtp102.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            bool ByClass(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); return true; }
                {|SMTP102:catch|} (SmtpCommandException ex) when ((int)ex.StatusCode / 100 == 4)
                {
                    Console.WriteLine(ex.Message);
                    return false;
                }
            }

            bool ByOneCode(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); return true; }
                {|SMTP102:catch|} (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.MailboxBusy)
                {
                    return false;
                }
            }

            bool Permanent(SmtpClient smtp, MimeMessage message)
            {
                try { smtp.Send(message); return true; }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
                {
                    return false;
                }
            }

            bool Unknown(SmtpClient smtp, MimeMessage message, Func<int, bool> isBad)
            {
                try { smtp.Send(message); return true; }
                catch (SmtpCommandException ex) when (isBad((int)ex.StatusCode))
                {
                    return false;
                }
            }
        }
        """);

    [Fact]
    public Task ForeachOverRecipientsThatLogsAndMovesOn_IsADrop() => Smtp102.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void FallsThrough(SmtpClient smtp, IEnumerable<MimeMessage> messages)
            {
                foreach (var message in messages)
                {
                    try { smtp.Send(message); }
                    {|SMTP102:catch|} (SmtpCommandException ex) { Console.WriteLine(ex.Message); }
                }
            }

            void Continues(SmtpClient smtp, IEnumerable<MimeMessage> messages)
            {
                foreach (var message in messages)
                {
                    try { smtp.Send(message); }
                    {|SMTP102:catch|} (SmtpCommandException ex)
                    {
                        Console.WriteLine(ex.Message);
                        continue;
                    }

                    Console.WriteLine("sent");
                }
            }

            void RetryLoop(SmtpClient smtp, MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { smtp.Send(message); return; }
                    catch (SmtpCommandException ex) { Console.WriteLine(ex.Message); }
                }
            }
        }
        """);

    [Fact]
    public Task SingleCodeTestInAForeachOverMessages_IsNoRetryDecision() => Smtp105.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient smtp, IEnumerable<MimeMessage> messages)
            {
                foreach (var message in messages)
                {
                    try { smtp.Send(message); }
                    catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                    {
                        Console.WriteLine("skipped");
                    }
                }
            }
        }
        """);

    [Fact]
    public Task RecursiveRetry_IsARetry_NotADrop() => Smtp102.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task Deliver(SmtpClient smtp, MimeMessage message, int attempt)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException) when (attempt < 3)
                {
                    await Task.Delay(1000);
                    await Deliver(smtp, message, attempt + 1);
                }
            }
        }
        """);

    [Fact]
    public Task RecursiveRetryWithoutDelayOrBound_ReportsSmtp104AtTheCall() => Smtp104.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task Unbounded(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException)
                {
                    await {|#0:Unbounded(smtp, message)|};
                }
            }

            async Task NoDelay(SmtpClient smtp, MimeMessage message, int attempt)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException) when (attempt < 3)
                {
                    await {|#1:NoDelay(smtp, message, attempt + 1)|};
                }
            }

            async Task Fine(SmtpClient smtp, MimeMessage message, int attempt)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException) when (attempt < 3)
                {
                    await Task.Delay(1000 * attempt);
                    await Fine(smtp, message, attempt + 1);
                }
            }

            async Task OtherOverload(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                }
                catch (SmtpCommandException)
                {
                    await OtherOverload(smtp);
                }
            }

            Task OtherOverload(SmtpClient smtp) => Task.CompletedTask;
        }
        """)
        .WithExpected(
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(RuleIds.UnboundedRetry, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("This recursive retry of an SMTP send has no delay between attempts and no bound on their number"),
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(RuleIds.UnboundedRetry, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1)
                .WithMessage("This recursive retry of an SMTP send has no delay between attempts"))
        .RunAsync();

    /// <summary>
    /// A send one or two calls away: the caller of an <c>IEmailSender</c> whose implementation sends, and the caller of
    /// a helper that calls it, catch the send's failures and give up on them.
    /// </summary>
    [Fact]
    public Task CatchAroundASendWrapper_IsADrop() => Smtp102.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        public interface IEmailSender
        {
            Task SendEmailAsync(string to, string subject, string body);
        }

        public sealed class SmtpEmailSender : IEmailSender
        {
            public async Task SendEmailAsync(string to, string subject, string body)
            {
                var message = new MimeMessage();
                message.To.Add(MailboxAddress.Parse(to));
                message.Subject = subject;
                message.Body = new TextPart("plain") { Text = body };
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com", 587);
                await smtp.SendAsync(message);
                await smtp.DisconnectAsync(true);
            }
        }

        public sealed class Accounts(IEmailSender sender)
        {
            public async Task<bool> RegisterAsync(string email)
            {
                try
                {
                    await sender.SendEmailAsync(email, "Welcome", "Hello");
                    return true;
                }
                {|SMTP102:catch|} (Exception ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    return false;
                }
            }

            public Task SendWelcomeAsync(string email) => sender.SendEmailAsync(email, "Welcome", "Hello");

            public async Task InviteAsync(string email)
            {
                try
                {
                    await SendWelcomeAsync(email);
                }
                {|SMTP102:catch|} (SmtpCommandException)
                {
                }
            }
        }
        """);

    /// <summary>
    /// A clause that calls the send wrapper again (a second attempt after a pause, outside any loop) retries: the
    /// second call is a send as much as the first. A clause that calls a method named like a wrapper that does not send
    /// still gives up.
    /// </summary>
    [Fact]
    public Task CatchThatCallsTheWrapperAgain_RetriesAndIsSilent() => Smtp102.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        public sealed class Mailer
        {
            public async Task SendReceiptAsync(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com", 587);
                await smtp.SendAsync(message);
            }

            public Task SendNothingAsync(MimeMessage message) => Task.CompletedTask;

            public async Task ReceiptAsync(MimeMessage message)
            {
                try
                {
                    await SendReceiptAsync(message);
                }
                catch (SmtpCommandException)
                {
                    await Task.Delay(TimeSpan.FromSeconds(30));
                    await SendReceiptAsync(message);
                }
            }

            public async Task NoReceiptAsync(MimeMessage message)
            {
                try
                {
                    await SendReceiptAsync(message);
                }
                {|SMTP102:catch|} (SmtpCommandException)
                {
                    await SendNothingAsync(message);
                }
            }
        }
        """);

    /// <summary>
    /// Near misses: a wrapper that handles its failures itself, one that retries them itself (giving up after its
    /// bounded retry is the point), one whose name does not say send, and a caller that rethrows.
    /// </summary>
    [Fact]
    public Task CatchAroundAWrapperThatHandlesOrRetries_IsSilent() => Smtp102.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        public sealed class Mailer(SmtpClient smtp)
        {
            public async Task<bool> SendHandledAsync(MimeMessage message)
            {
                try
                {
                    await smtp.SendAsync(message);
                    return true;
                }
                catch (Exception)
                {
                    throw new InvalidOperationException("not sent");
                }
            }

            public async Task SendRetriedAsync(MimeMessage message)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await smtp.SendAsync(message);
                        return;
                    }
                    catch (SmtpCommandException ex) when (attempt < 3 && (int)ex.StatusCode < 500)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }

            public Task NotifyAsync(MimeMessage message) => smtp.SendAsync(message);
        }

        public sealed class Caller(Mailer mailer)
        {
            public async Task RunAsync(MimeMessage message)
            {
                try { await mailer.SendRetriedAsync(message); }
                catch (Exception ex) { Console.Error.WriteLine(ex.Message); }

                try { await mailer.NotifyAsync(message); }
                catch (Exception ex) { Console.Error.WriteLine(ex.Message); }

                try { await mailer.SendHandledAsync(message); }
                catch (InvalidOperationException ex) { Console.Error.WriteLine(ex.Message); }

                try { await mailer.SendRetriedAsync(message); }
                catch (Exception ex) { Console.Error.WriteLine(ex.Message); throw; }
            }
        }
        """);

    /// <summary>
    /// Clauses that hand the failure on rather than drop it (found in real code: NLog.MailKit's continuation,
    /// duplicati's failover over servers), and a wrapper call in an expression tree that a scheduler runs later
    /// (Kavita's <c>BackgroundJob.Enqueue</c>); a clause that keeps the failure but never throws it still drops it.
    /// </summary>
    [Fact]
    public Task ClauseThatHandsTheFailureOn_IsSilent() => Smtp102.AnalyzerAsync("""
        using System;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        static class Jobs
        {
            public static string Enqueue(Expression<Func<Task>> job) => job.ToString();
        }

        class C
        {
            void ToContinuation(SmtpClient smtp, MimeMessage message, Action<Exception?> continuation)
            {
                try
                {
                    smtp.Send(message);
                    continuation(null);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    continuation(ex);
                }
            }

            Task ToTask(SmtpClient smtp, MimeMessage message)
            {
                var completion = new TaskCompletionSource();
                try
                {
                    smtp.Send(message);
                    completion.SetResult();
                }
                catch (SmtpCommandException ex)
                {
                    completion.TrySetException(ex);
                }

                return completion.Task;
            }

            void Failover(MimeMessage message, string[] servers)
            {
                Exception? lastError = null;
                foreach (var server in servers)
                {
                    try
                    {
                        using var smtp = new SmtpClient();
                        smtp.Connect(server, 587);
                        smtp.Send(message);
                        lastError = null;
                        break;
                    }
                    catch (Exception ex)
                    {
                        lastError = ex;
                    }
                }

                if (lastError != null)
                {
                    throw lastError;
                }
            }

            void KeptButNeverThrown(SmtpClient smtp, MimeMessage message)
            {
                Exception? lastError = null;
                try
                {
                    smtp.Send(message);
                }
                {|SMTP102:catch|} (Exception ex)
                {
                    lastError = ex;
                }

                Console.WriteLine(lastError?.Message);
            }

            void Scheduled(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    Jobs.Enqueue(() => smtp.SendAsync(message, default, null));
                }
                catch (Exception)
                {
                }
            }
        }
        """);

    /// <summary>
    /// A scheduled job whose lambda holds an error (a name from a project not built yet, as while editing): the lambda
    /// is still an expression tree, so the wrapper call is a job, not a send.
    /// </summary>
    [Fact]
    public Task ScheduledJobWithAnErrorInItsLambda_IsSilent() => Smtp102.AnalyzerAsync("""
        using System;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        static class Jobs
        {
            public static string Enqueue(Expression<Action> job) => job.ToString();
            public static string Enqueue(Expression<Func<Task>> job) => job.ToString();
        }

        public sealed class Mailer
        {
            public Task SendWelcomeAsync(MimeMessage message, string version)
            {
                var smtp = new SmtpClient();
                return smtp.SendAsync(message);
            }
        }

        class C(Mailer mailer)
        {
            void Scheduled(MimeMessage message)
            {
                try
                {
                    Jobs.Enqueue(() => mailer.SendWelcomeAsync(message, {|CS0103:BuildInfo|}.Version));
                }
                catch (Exception)
                {
                }
            }
        }
        """);
}
