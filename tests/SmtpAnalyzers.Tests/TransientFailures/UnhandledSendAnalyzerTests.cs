using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnhandledSendAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP101 fires, what it says, and the near misses where it must stay silent.</summary>
public class UnhandledSendAnalyzerTests
{
    [Fact]
    public Task MailKitSendWithoutTry_ReportsTheInvocation() => VerifyCS.AnalyzerTest("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                await {|#0:smtp.SendAsync(message)|};
                {|SMTP101:smtp.Send(message)|};
            }
        }
        """).WithExpected(new DiagnosticResult(RuleIds.UnhandledSend, DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'smtp.SendAsync' has no transient-failure handling: a 4xx reply or a dropped connection throws out of it and the message is lost"))
        .RunAsync();

    [Fact]
    public Task InterfaceSends_Report() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            Task A(ISmtpClient smtp, MimeMessage message) => {|SMTP101:smtp.SendAsync(message)|};
            void B(IMailTransport transport, MimeMessage message) => {|SMTP101:transport.Send(message)|};
            Task D(MailTransport transport, MimeMessage message) => {|SMTP101:transport.SendAsync(message, default, null)|};
        }
        """);

    [Fact]
    public Task SystemNetMailSends_Report() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading.Tasks;

        class C
        {
            async Task M(SmtpClient smtp, MailMessage message)
            {
                {|SMTP101:smtp.Send(message)|};
                {|SMTP101:smtp.Send("a@example.com", "b@example.com", "subject", "body")|};
                await {|SMTP101:smtp.SendMailAsync(message)|};
            }
        }
        """);

    // Sends are found by searching the file's text for their names: every way of writing the call is still found.
    [Fact]
    public Task SendsWrittenEveryWay_Report() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            static readonly MimeMessage Message = new();
            static readonly SmtpClient Smtp = new();
            readonly Func<Task> _send = () => {|SMTP101:Smtp.SendAsync(Message)|};

            void M(SmtpClient? smtp)
            {
                smtp?{|SMTP101:.Send(Message)|};
                {|SMTP101:Smtp.@Send(Message)|};
                {|SMTP101:Smtp
                    .Send(Message)|}; // Send
            }
        }
        """);

    [Fact]
    public Task ConditionalSend_MessageNamesTheReceiver() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            void M(SmtpClient? smtp, MimeMessage message) => smtp?{|#0:.Send(message)|};
        }
        """).WithExpected(new DiagnosticResult(RuleIds.UnhandledSend, DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'smtp?.Send' has no transient-failure handling: a 4xx reply or a dropped connection throws out of it and the message is lost"))
        .RunAsync();

    [Fact]
    public Task TryWithoutMatchingCatch_Reports() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await {|SMTP101:smtp.SendAsync(message)|};
                }
                catch (ArgumentException)
                {
                }
                catch (System.Net.Mail.SmtpException)
                {
                }
                finally
                {
                    await {|SMTP101:smtp.SendAsync(message)|};
                }

                try
                {
                }
                catch (IOException)
                {
                    await {|SMTP101:smtp.SendAsync(message)|};
                }
            }
        }
        """);

    [Fact]
    public Task LambdaNotHandedToARetry_Reports() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            Task Run(Func<Task> work) => work();

            Task M(SmtpClient smtp, MimeMessage message) => Run(() => {|SMTP101:smtp.SendAsync(message)|});

            async Task L(SmtpClient smtp, MimeMessage message)
            {
                await SendCore();

                Task SendCore() => {|SMTP101:smtp.SendAsync(message)|};
            }
        }
        """);

    [Fact]
    public Task CatchesOfTheFailureTypesBasesAndSubtypes_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, System.Net.Mail.SmtpClient netSmtp, System.Net.Mail.MailMessage netMessage)
            {
                try { await smtp.SendAsync(message); } catch (SmtpCommandException) { throw; }
                try { await smtp.SendAsync(message); } catch (SmtpProtocolException) { throw; }
                try { await smtp.SendAsync(message); } catch (ProtocolException) { throw; }
                try { await smtp.SendAsync(message); } catch (Exception) { throw; }
                try { await smtp.SendAsync(message); } catch { throw; }
                try { await netSmtp.SendMailAsync(netMessage); } catch (System.Net.Mail.SmtpException) { throw; }
                try { netSmtp.Send(netMessage); } catch (System.Net.Mail.SmtpFailedRecipientsException) { throw; }
            }
        }
        """);

    [Fact]
    public Task CatchWithWhenFilterAndNestedBlocks_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message, bool urgent)
            {
                try
                {
                    if (urgent)
                    {
                        using (smtp)
                        {
                            await smtp.SendAsync(message);
                        }
                    }
                }
                catch (SmtpCommandException ex) when (ex.StatusCode == SmtpStatusCode.MailboxBusy)
                {
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task PollyV8PipelineLambda_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Polly;

        class C
        {
            async Task M(ResiliencePipeline pipeline, ResiliencePipeline<bool> typed, SmtpClient smtp, MimeMessage message)
            {
                await pipeline.ExecuteAsync(async ct => await smtp.SendAsync(message, ct));
                pipeline.Execute(() => smtp.Send(message));
                await typed.ExecuteAsync(async ct => { await smtp.SendAsync(message, ct); return true; });
            }
        }
        """);

    [Fact]
    public Task PollyV7PolicyLambdaAndMethodGroup_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Polly;

        class C
        {
            async Task M(AsyncPolicy policy, Policy syncPolicy, IAsyncPolicy<string> typed, SmtpClient smtp, MimeMessage message)
            {
                await policy.ExecuteAsync(() => smtp.SendAsync(message));
                syncPolicy.Execute(() => smtp.Send(message));
                await typed.ExecuteAsync(() => smtp.SendAsync(message));
                await policy.ExecuteAsync(SendCore);

                Task SendCore() => smtp.SendAsync(message);
            }
        }
        """);

    /// <summary>A helper of the compilation is judged by its body, not its name: these run the code once and retry nothing.</summary>
    [Fact]
    public Task MethodNamedForRetryThatRunsTheCodeOnce_Reports() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        static class Resilience
        {
            public static Task ExecuteWithRetryAsync(Func<Task> work) => work();
            public static async Task WithResilience(Func<Task> work)
            {
                Console.WriteLine("sending");
                await work.Invoke();
            }
        }

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                await Resilience.ExecuteWithRetryAsync(() => {|SMTP101:smtp.SendAsync(message)|});
                await Resilience.WithResilience(async () =>
                {
                    await {|SMTP101:smtp.SendAsync(message)|};
                });
            }
        }
        """);

    /// <summary>
    /// Helpers that retry: a loop whose catch goes round again, a Polly policy the code is handed on to, and one whose
    /// use of the code is not followed here (recursion), where the method's name decides.
    /// </summary>
    [Fact]
    public Task MethodNamedForRetryThatRetries_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Polly;

        static class Retry
        {
            private static readonly IAsyncPolicy Policy = Polly.Policy.Handle<SmtpCommandException>(ex => (int)ex.StatusCode < 500).WaitAndRetryAsync(2, _ => TimeSpan.FromSeconds(2));

            public static async Task RunAsync(Func<Task> work)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await work();
                        return;
                    }
                    catch (SmtpCommandException ex) when (attempt < 3 && (int)ex.StatusCode < 500)
                    {
                        await Task.Delay(2000 * attempt);
                    }
                }
            }

            public static Task WithPolicyAsync(Func<Task> work) => Policy.ExecuteAsync(work);

            public static async Task RetryRecursivelyAsync(Func<Task> work, int attempts)
            {
                try
                {
                    await work();
                }
                catch (SmtpCommandException ex) when (attempts > 1 && (int)ex.StatusCode < 500)
                {
                    await Task.Delay(2000);
                    await RetryRecursivelyAsync(work, attempts - 1);
                }
            }
        }

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                await Retry.RunAsync(() => smtp.SendAsync(message));
                await Retry.WithPolicyAsync(() => smtp.SendAsync(message));
                await Retry.RetryRecursivelyAsync(() => smtp.SendAsync(message), 3);
            }
        }
        """);

    /// <summary>
    /// An adapter of the project's own transport contract (found in real code: log4net's and Smartstore's): a method
    /// that implements an interface method or overrides one sends on the client its type holds. Throwing is its
    /// contract; a send on a client it creates, or outside such a method, is still reported.
    /// </summary>
    [Fact]
    public Task SendOnAHeldClientInAnInterfaceImplementation_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        public interface ISmtpTransport
        {
            void Send(MimeMessage message);
            Task SendAsync(MimeMessage message);
        }

        public abstract class TransportBase
        {
            public abstract void SendAll(MimeMessage[] messages);
        }

        public sealed class MailKitTransport(SmtpClient client) : TransportBase, ISmtpTransport
        {
            private readonly SmtpClient _client = client;

            public void Send(MimeMessage message) => _client.Send(message);

            Task ISmtpTransport.SendAsync(MimeMessage message) => _client.SendAsync(message);

            public override void SendAll(MimeMessage[] messages)
            {
                foreach (var message in messages)
                {
                    _client.Send(message);
                }
            }

            public void SendOwn(MimeMessage message) => {|SMTP101:_client.Send(message)|};
        }

        public sealed class CreatingTransport : ISmtpTransport
        {
            public void Send(MimeMessage message)
            {
                using var client = new SmtpClient();
                client.Connect("smtp.example.com", 587);
                {|SMTP101:client.Send(message)|};
            }

            public Task SendAsync(MimeMessage message) => Task.CompletedTask;
        }
        """);

    /// <summary>
    /// A send wrapper whose every call in the compilation is handled by its caller (found in real code: NLog.MailKit's
    /// private helper, grandnode's queued-mail task): the callers catch, and SMTP102 judges them. One unhandled call,
    /// no call at all (a library's API) or a helper not named for sending keeps the warning.
    /// </summary>
    [Fact]
    public Task WrapperWhoseCallersAllCatch_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        public interface IEmailSender
        {
            Task SendEmailAsync(MimeMessage message);
        }

        public sealed class SmtpEmailSender : IEmailSender
        {
            public async Task SendEmailAsync(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com", 587);
                await smtp.SendAsync(message);
            }
        }

        public sealed class Target(IEmailSender sender)
        {
            public void Write(MimeMessage message)
            {
                try
                {
                    SendMailMessage(message);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                    throw;
                }
            }

            private void SendMailMessage(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                smtp.Connect("smtp.example.com", 587);
                smtp.Send(message);
            }

            public async Task QueueAsync(MimeMessage message)
            {
                try { await sender.SendEmailAsync(message); }
                catch (SmtpCommandException) { throw; }
            }

            public void SendOnce(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                smtp.Connect("smtp.example.com", 587);
                {|SMTP101:smtp.Send(message)|};
            }

            public void Twice(MimeMessage message)
            {
                try { SendOnce(message); } catch (Exception) { throw; }
                SendOnce(message);
            }

            public void Deliver(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                smtp.Connect("smtp.example.com", 587);
                {|SMTP101:smtp.Send(message)|};
            }

            public void CallsDeliver(MimeMessage message)
            {
                try { Deliver(message); } catch (Exception) { throw; }
            }

            public void SendUncalled(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                smtp.Connect("smtp.example.com", 587);
                {|SMTP101:smtp.Send(message)|};
            }
        }
        """);

    /// <summary>A local function of top-level statements, called inside a try of the program (found in real code: Papercut-SMTP's examples).</summary>
    [Fact]
    public async Task TopLevelLocalFunctionCalledInsideTry_IsSilent()
    {
        var test = VerifyCS.AnalyzerTest("""
            using System;
            using System.Threading.Tasks;
            using MailKit.Net.Smtp;
            using MimeKit;

            try
            {
                await SendTestEmailAsync();
            }
            catch (Exception ex)
            {
                Console.WriteLine(ex.Message);
                throw;
            }

            async Task SendTestEmailAsync()
            {
                using var client = new SmtpClient();
                await client.ConnectAsync("localhost", 25);
                await client.SendAsync(new MimeMessage());
            }

            void Unused(SmtpClient client) => {|SMTP101:client.Send(new MimeMessage())|};
            """);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public Task LocalFunctionCalledInsideTry_IsSilent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            async Task M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    await SendCore();
                }
                catch (SmtpCommandException)
                {
                    throw;
                }

                Task SendCore() => smtp.SendAsync(message);
            }
        }
        """);

    [Fact]
    public Task NonSmtpSendMethodsAndNameof_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;

        class Channel
        {
            public void Send(string text) { }
            public Task SendAsync(string text) => Task.CompletedTask;
            public Task SendMailAsync(string text) => Task.CompletedTask;
        }

        class C
        {
            async Task M(HttpClient http, Channel channel, System.Net.Sockets.Socket socket)
            {
                await http.SendAsync(new HttpRequestMessage());
                channel.Send("hi");
                await channel.SendAsync("hi");
                await channel.SendMailAsync("hi");
                socket.Send(new byte[1]);
                var name = nameof(SmtpClient.Send) + nameof(System.Net.Mail.SmtpClient.SendMailAsync);
            }
        }
        """);

    [Fact]
    public Task UserClassNamedSmtpClientWithoutMailKit_IsSilent() => new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<SmtpAnalyzers.TransientFailures.UnhandledSendAnalyzer, DefaultVerifier>
    {
        TestCode = """
            class SmtpClient
            {
                public void Send(string message) { }
            }

            class C
            {
                void M(SmtpClient smtp) => smtp.Send("hi");
            }
            """,
        ReferenceAssemblies = TestReferences.Net100,
    }.RunAsync();
}
