using Smtp101 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnhandledSendAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp102 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.DroppedTransientFailureAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Smtp104 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnboundedRetryLoopAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.Failures;

/// <summary>
/// Where the transient-failure rules look (SPEC "Where these rules look"): test code, mock calls, other protocols,
/// transport implementations, the event-based send, unreachable clauses and framework retries. The test frameworks'
/// types are declared in the test source under their real names.
/// </summary>
public class ScopeTests
{
    private const string TestFrameworks = """

        namespace Xunit
        {
            public class FactAttribute : System.Attribute { }
            public class TheoryAttribute : FactAttribute { }
            public static class Assert
            {
                public static System.Threading.Tasks.Task<T> ThrowsAsync<T>(System.Func<System.Threading.Tasks.Task> code) where T : System.Exception => null!;
                public static T Throws<T>(System.Action code) where T : System.Exception => null!;
            }
        }

        namespace NUnit.Framework
        {
            public class TestAttribute : System.Attribute { }
            public class TestCaseAttribute : System.Attribute { public TestCaseAttribute(params object[] arguments) { } }
        }

        namespace Microsoft.VisualStudio.TestTools.UnitTesting
        {
            public class TestMethodAttribute : System.Attribute { }
        }
        """;

    private const string Mocks = """

        namespace NSubstitute
        {
            public static class SubstituteExtensions
            {
                public static T Received<T>(this T substitute) where T : class => substitute;
                public static void Returns<T>(this T value, T returnThis) { }
            }
        }

        namespace Moq
        {
            public class Mock<T> where T : class
            {
                public void Setup(System.Linq.Expressions.Expression<System.Action<T>> expression) { }
                public void Verify(System.Linq.Expressions.Expression<System.Action<T>> expression) { }
            }
        }
        """;

    private const string UnhandledSendsInTests = """
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Tests
        {
            [Xunit.Fact]
            public void Fact(SmtpClient smtp, MimeMessage message) => {|#0:smtp.Send(message)|};

            [Xunit.Theory]
            public void Theory(SmtpClient smtp, MimeMessage message) => {|#1:smtp.Send(message)|};

            [NUnit.Framework.TestCase(1)]
            public void TestCase(SmtpClient smtp, MimeMessage message) => {|#2:smtp.Send(message)|};

            [NUnit.Framework.Test]
            public async Task TestWithLambda(SmtpClient smtp, MimeMessage message)
            {
                async Task SendIt() => await {|#3:smtp.SendAsync(message)|};
                await SendIt();
            }

            [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
            public void TestMethod(SmtpClient smtp, MimeMessage message) => {|#4:smtp.Send(message)|};

            public Task Helper(SmtpClient smtp, MimeMessage message) =>
                Xunit.Assert.ThrowsAsync<SmtpCommandException>(() => {|#5:smtp.SendAsync(message)|});
        }
        """;

    [Fact]
    public Task SendsInTestMethodsAndAssertThrowsLambdas_AreSilentByDefault() =>
        Smtp101.AnalyzerAsync(Unmarked(UnhandledSendsInTests) + TestFrameworks);

    [Fact]
    public Task SendsInTestCode_ReportWhenTheOptionTurnsTheRulesOn()
    {
        var test = Smtp101.AnalyzerTest(UnhandledSendsInTests + TestFrameworks, "smtp_analyzers.transient_rules_in_tests = true\n");
        for (var i = 0; i <= 5; i++)
        {
            // The location is what is checked here, not the message.
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult(RuleIds.UnhandledSend, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(i));
        }

        return test.RunAsync();
    }

    // A helper of a test project (a fixture that sends to a local server) is test code though it has no test
    // attribute: the project references a test framework.
    private const string HelperThatSends = """
        using MailKit.Net.Smtp;
        using MimeKit;

        class LocalServerFixture
        {
            public void Deliver(SmtpClient smtp, MimeMessage message) => {|SMTP101:smtp.Send(message)|};
        }
        """;

    [Fact]
    public Task HelperOfATestProject_IsSilentByDefault() =>
        Smtp101.AnalyzerTest(HelperThatSends.Replace("{|SMTP101:", "").Replace("|}", "")).WithTestFrameworks().RunAsync();

    [Fact]
    public Task HelperOfATestProject_ReportsWhenTheOptionTurnsTheRulesOn() =>
        Smtp101.AnalyzerTest(HelperThatSends, "smtp_analyzers.transient_rules_in_tests = true\n").WithTestFrameworks().RunAsync();

    [Fact]
    public Task SameHelperOutsideATestProject_Reports() => Smtp101.AnalyzerAsync(HelperThatSends);

    [Fact]
    public Task DroppingClauseInATest_IsSilentByDefault() => Smtp102.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Tests
        {
            [Xunit.Fact]
            public void SendFails(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    smtp.Send(message);
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                }
            }

            [Obsolete]
            public void NotATest(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    smtp.Send(message);
                }
                {|SMTP102:catch|} (Exception ex)
                {
                    Console.WriteLine(ex.Message);
                }
            }
        }
        """ + TestFrameworks);

    [Fact]
    public Task MockSetupAndVerification_AreNotSends() => Smtp101.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using NSubstitute;

        class Fixture
        {
            public async Task Configure(ISmtpClient smtp, MimeMessage message, Moq.Mock<ISmtpClient> mock)
            {
                await smtp.Received().SendAsync(message);
                smtp.SendAsync(message).Returns(Task.FromResult("ok"));
                mock.Setup(c => c.Send(message, default(CancellationToken), null));
                mock.Verify(c => c.Send(message, default(CancellationToken), null));
                await {|SMTP101:smtp.SendAsync(message)|};
            }
        }
        """ + Mocks);

    [Fact]
    public Task ImapAndPop3Authentication_AreNotTheSmtpCase() => Smtp102.AnalyzerAsync("""
        using MailKit.Net.Imap;
        using MailKit.Net.Pop3;
        using MailKit.Net.Smtp;
        using MailKit.Security;

        class C
        {
            bool Imap(ImapClient imap)
            {
                try { imap.Authenticate("user", "secret"); return true; }
                catch (AuthenticationException) { return false; }
            }

            bool Pop3(Pop3Client pop3)
            {
                try { pop3.Authenticate("user", "secret"); return true; }
                catch (AuthenticationException) { return false; }
            }

            bool Smtp(SmtpClient smtp)
            {
                try { smtp.Authenticate("user", "secret"); return true; }
                {|SMTP102:catch|} (AuthenticationException) { return false; }
            }
        }
        """);

    [Fact]
    public Task TransportImplementation_IsSilent_AWrapperIsNot() => Smtp101.AnalyzerAsync("""
        using MailKit.Net.Smtp;
        using MimeKit;

        class LoggingSmtpClient : SmtpClient
        {
            public void SendLogged(MimeMessage message)
            {
                System.Console.WriteLine(message.Subject);
                Send(message);
            }
        }

        class Mailer
        {
            private readonly SmtpClient _smtp = new();

            public void SendLogged(MimeMessage message) => {|SMTP101:_smtp.Send(message)|};
        }
        """);

    // MailKit's own SmtpClient is split over partial declarations; the base type is written on one of them only.
    [Fact]
    public Task PartOfATransportWithoutTheBaseList_IsSilent() => Smtp101.AnalyzerAsync("""
        using MailKit.Net.Smtp;
        using MimeKit;

        partial class LoggingSmtpClient : SmtpClient
        {
        }

        partial class LoggingSmtpClient
        {
            public void SendLogged(MimeMessage message) => Send(message);
        }
        """);

    [Fact]
    public Task EventBasedSendAsync_IsNotAThrowingSend() => Smtp101.AnalyzerAsync("""
        using System.Net.Mail;
        using System.Threading.Tasks;

        class C
        {
            void Queue(SmtpClient smtp, MailMessage message) => smtp.SendAsync(message, userToken: null);

            Task Awaited(SmtpClient smtp, MailMessage message) => {|SMTP101:smtp.SendMailAsync(message)|};

            void Blocking(SmtpClient smtp, MailMessage message) => {|SMTP101:smtp.Send(message)|};
        }
        """);

    [Fact]
    public Task ClauseNoSendFailureCanReach_IsNotJudged() => Smtp102.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using MimeKit;

        class C
        {
            bool M(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    try
                    {
                        smtp.Send(message);
                    }
                    {|SMTP102:catch|} (Exception ex)
                    {
                        Console.WriteLine(ex);
                    }

                    return true;
                }
                catch (SmtpCommandException)
                {
                    return false;
                }
            }

            bool Rethrown(SmtpClient smtp, MimeMessage message)
            {
                try
                {
                    try
                    {
                        smtp.Send(message);
                    }
                    catch (Exception ex)
                    {
                        Console.WriteLine(ex);
                        throw;
                    }

                    return true;
                }
                {|SMTP102:catch|} (SmtpCommandException)
                {
                    return false;
                }
            }
        }
        """);

    [Fact]
    public Task HangfireAutomaticRetry_IsHandlingForSmtp101() => Smtp101.AnalyzerAsync("""
        using Hangfire;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Jobs
        {
            [AutomaticRetry(Attempts = 3)]
            public void Retried(SmtpClient smtp, MimeMessage message) => smtp.Send(message);

            [AutomaticRetry]
            public void RetriedByDefault(SmtpClient smtp, MimeMessage message) => smtp.Send(message);

            [AutomaticRetry(Attempts = 0)]
            public void NotRetried(SmtpClient smtp, MimeMessage message) => {|SMTP101:smtp.Send(message)|};
        }

        namespace Hangfire
        {
            public sealed class AutomaticRetryAttribute : System.Attribute
            {
                public int Attempts { get; set; } = 10;
            }
        }
        """);

    [Fact]
    public Task SendWrapperCalledByHangfireRetriedJob_IsHandledForSmtp101() => Smtp101.AnalyzerAsync("""
        using Hangfire;
        using MailKit.Net.Smtp;
        using MimeKit;

        class Mailer
        {
            public void SendWelcome(SmtpClient smtp, MimeMessage message) => smtp.Send(message);

            public void SendReceipt(SmtpClient smtp, MimeMessage message) => {|SMTP101:smtp.Send(message)|};
        }

        class Jobs
        {
            private readonly Mailer _mailer = new();

            [AutomaticRetry(Attempts = 5)]
            public void Welcome(SmtpClient smtp, MimeMessage message) => _mailer.SendWelcome(smtp, message);

            [AutomaticRetry(Attempts = 0)]
            public void Receipt(SmtpClient smtp, MimeMessage message) => _mailer.SendReceipt(smtp, message);
        }

        namespace Hangfire
        {
            public sealed class AutomaticRetryAttribute : System.Attribute
            {
                public int Attempts { get; set; } = 10;
            }
        }
        """);

    [Fact]
    public Task SendInSerilogBatchedSink_IsHandledForSmtp101() => Smtp101.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Serilog.Events;

        class EmailSink : Serilog.Core.IBatchedLogEventSink
        {
            private readonly SmtpClient _smtp = new();

            public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch) => _smtp.SendAsync(new MimeMessage());

            public Task OnEmptyBatchAsync() => Task.CompletedTask;
        }

        class PeriodicEmailSink : Serilog.Sinks.PeriodicBatching.IBatchedLogEventSink
        {
            public async Task EmitBatchAsync(IEnumerable<LogEvent> batch)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com");
                await smtp.SendAsync(new MimeMessage());
            }
        }
        """ + SerilogContracts);

    [Fact]
    public Task SendWrapperCalledBySerilogBatchedSink_IsHandledForSmtp101() => Smtp101.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Serilog.Events;

        interface IEmailTransport
        {
            Task SendMailAsync(MimeMessage message);
        }

        class MailKitEmailTransport : IEmailTransport
        {
            public async Task SendMailAsync(MimeMessage message)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com");
                await smtp.SendAsync(message);
            }
        }

        class EmailSink(IEmailTransport transport) : Serilog.Core.IBatchedLogEventSink
        {
            public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch) => transport.SendMailAsync(new MimeMessage());

            public Task OnEmptyBatchAsync() => Task.CompletedTask;
        }
        """ + SerilogContracts);

    [Fact]
    public Task SendInSinkThatIsNotBatched_Reports() => Smtp101.AnalyzerAsync("""
        using MailKit.Net.Smtp;
        using MimeKit;
        using Serilog.Events;

        // Serilog calls Emit once per event and retries nothing: a failure here is lost.
        class EmailSink : Serilog.Core.ILogEventSink
        {
            public void Emit(LogEvent logEvent)
            {
                using var smtp = new SmtpClient();
                smtp.Connect("smtp.example.com");
                {|SMTP101:smtp.Send(new MimeMessage())|};
            }
        }
        """ + SerilogContracts);

    [Fact]
    public Task SendInMethodNamedLikeAnEntryPoint_Reports() => Smtp101.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;
        using Serilog.Events;

        // The project's own interface of the same name: nothing retries its batches.
        interface IBatchedLogEventSink
        {
            Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch);
        }

        class EmailSink : IBatchedLogEventSink
        {
            public async Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com");
                await {|SMTP101:smtp.SendAsync(new MimeMessage())|};
            }
        }

        // Not the contract's method: Serilog never calls it.
        class SerilogEmailSink : Serilog.Core.IBatchedLogEventSink
        {
            public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch) => Task.CompletedTask;

            public async Task EmitBatchAsync(LogEvent single)
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com");
                await {|SMTP101:smtp.SendAsync(new MimeMessage())|};
            }

            public Task OnEmptyBatchAsync() => Task.CompletedTask;
        }
        """ + SerilogContracts);

    [Fact]
    public Task ConfiguredRetryingEntryPoint_IsHandlingForSmtp101() => Smtp101.AnalyzerAsync(
        FlowStep,
        "smtp_analyzers.retrying_entry_points = Contoso.Jobs.IRetriedJob.RunAsync , Flows.FlowStep.ExecuteAsync\n");

    [Fact]
    public Task EntryPointNotConfigured_Reports() => Smtp101.AnalyzerAsync(
        FlowStep.Replace("await smtp.SendAsync(new MimeMessage())", "await {|SMTP101:smtp.SendAsync(new MimeMessage())|}"),
        "smtp_analyzers.retrying_entry_points = Flows.FlowStep.Validate\n");

    // A framework's base class whose ExecuteAsync the framework runs again when it throws; EmailStep overrides it.
    private const string FlowStep = """
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using MimeKit;

        namespace Flows
        {
            public abstract class FlowStep
            {
                public abstract Task ExecuteAsync();

                public virtual void Validate() { }
            }
        }

        sealed class EmailStep : Flows.FlowStep
        {
            public override async Task ExecuteAsync()
            {
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync("smtp.example.com");
                await smtp.SendAsync(new MimeMessage());
            }
        }
        """;

    private const string SerilogContracts = """

        namespace Serilog.Events
        {
            public class LogEvent { }
        }

        namespace Serilog.Core
        {
            public interface ILogEventSink
            {
                void Emit(Serilog.Events.LogEvent logEvent);
            }

            public interface IBatchedLogEventSink
            {
                System.Threading.Tasks.Task EmitBatchAsync(System.Collections.Generic.IReadOnlyCollection<Serilog.Events.LogEvent> batch);

                System.Threading.Tasks.Task OnEmptyBatchAsync();
            }
        }

        namespace Serilog.Sinks.PeriodicBatching
        {
            public interface IBatchedLogEventSink
            {
                System.Threading.Tasks.Task EmitBatchAsync(System.Collections.Generic.IEnumerable<Serilog.Events.LogEvent> batch);
            }
        }
        """;

    [Fact]
    public Task RetryLoopInATest_IsSilentByDefault() => Smtp104.AnalyzerAsync("""
        using MailKit.Net.Smtp;
        using MimeKit;

        class Tests
        {
            [Xunit.Fact]
            public void Retries(SmtpClient smtp, MimeMessage message)
            {
                while (true)
                {
                    try
                    {
                        smtp.Send(message);
                        return;
                    }
                    catch (SmtpCommandException)
                    {
                    }
                }
            }
        }
        """ + TestFrameworks);

    // The same source with the markup of expected locations taken out: {|#0:code|} becomes code.
    private static string Unmarked(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|#\d+:(.*?)\|\}", "$1");
}
