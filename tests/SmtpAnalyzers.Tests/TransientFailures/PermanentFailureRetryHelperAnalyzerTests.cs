using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.PermanentFailureRetryHelperAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>SMTP103 at the call of a retry helper of the compilation whose body retries every exception, and its near misses.</summary>
public class PermanentFailureRetryHelperAnalyzerTests
{
    /// <summary>The helper every test calls: <c>RunAsync</c> retries every exception, 100 ms apart; the others decide.</summary>
    private const string Helpers = """

        static class Retry
        {
            public static async Task RunAsync(Func<Task> work)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await work();
                        return;
                    }
                    catch (Exception ex) when (attempt < 5)
                    {
                        Console.WriteLine($"Attempt {attempt} failed: {ex.Message}");
                        await Task.Delay(100);
                    }
                }
            }

            public static T Run<T>(Func<T> work)
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        return work.Invoke();
                    }
                    catch when (++attempt < 3)
                    {
                        Thread.Sleep(100);
                    }
                }
            }

            public static async Task TransientOnlyAsync(Func<Task> work)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await work();
                        return;
                    }
                    catch (Exception ex) when (attempt < 3 && IsTransient(ex))
                    {
                        await Task.Delay(2000);
                    }
                }
            }

            public static Task OnceAsync(Func<Task> work) => work();

            private static bool IsTransient(Exception ex) => ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };
        }
        """;

    [Fact]
    public Task HelperThatRetriesEveryException_ReportsTheCall() => VerifyCS.AnalyzerTest("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Sender
        {
            Task SendAsync(ISmtpClient smtp, MimeMessage message) => {|#0:Retry.RunAsync|}(() => smtp.SendAsync(message));

            string Send(ISmtpClient smtp, MimeMessage message) => {|#1:Retry.Run|}(() =>
            {
                smtp.Send(message);
                return "sent";
            });
        }
        """ + Helpers).WithExpected(
            Smtp103(0, "'Retry.RunAsync' retries every exception, so a 500 (Syntax error, command unrecognized) is retried like a 4xx"),
            Smtp103(1, "'Retry.Run' retries every exception, so a 500 (Syntax error, command unrecognized) is retried like a 4xx"))
        .RunAsync();

    /// <summary>
    /// Near misses: a helper that tests the exception, one that runs the code once, code that sends nothing or catches
    /// the send's failures itself, and a helper handed a method group (the send is judged where it is written).
    /// </summary>
    [Fact]
    public Task HelpersThatDecideOrDoNotRetryTheSend_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Sender
        {
            async Task SendAsync(ISmtpClient smtp, MimeMessage message)
            {
                await Retry.TransientOnlyAsync(() => smtp.SendAsync(message));
                await Retry.OnceAsync(() => smtp.SendAsync(message));
                await Retry.RunAsync(() => Task.Delay(10));
                await Retry.RunAsync(async () =>
                {
                    try { await smtp.SendAsync(message); }
                    catch (SmtpCommandException) { }
                });
                await Retry.RunAsync(SendCoreAsync);

                Task SendCoreAsync() => smtp.SendAsync(message);
            }
        }
        """ + Helpers);

    private static DiagnosticResult Smtp103(int markup, string problem) =>
        new DiagnosticResult(RuleIds.PermanentFailureRetry, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage("This retry helper retries permanent SMTP failures: " + problem);
}
