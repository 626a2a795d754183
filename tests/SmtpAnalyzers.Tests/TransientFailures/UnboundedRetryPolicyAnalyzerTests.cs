using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SmtpAnalyzers.TransientFailures;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnboundedRetryPolicyAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP104 fires on Polly retries, what it says, and the near misses where it must stay silent.</summary>
public class UnboundedRetryPolicyAnalyzerTests
{
    private static DiagnosticResult Smtp104(int markup, string problem) =>
        new DiagnosticResult(RuleIds.UnboundedRetry, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage("This Polly retry of SMTP send failures " + problem);

    [Fact]
    public Task V7RetryWithoutWait_ReportsTheRetryCall() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            ISyncPolicy Policy1 = Policy.Handle<SmtpCommandException>(ex => (int)ex.StatusCode / 100 == 4).{|#0:Retry(3)|};
            IAsyncPolicy Policy2 = Policy.Handle<SmtpProtocolException>().Or<SmtpCommandException>(ex => (int)ex.StatusCode < 500).{|#1:RetryAsync()|};
        }
        """).WithExpected(Smtp104(0, "has no delay between attempts"), Smtp104(1, "has no delay between attempts"))
        .RunAsync();

    [Fact]
    public Task V7ForeverVariants_ReportNoBound() => VerifyCS.AnalyzerTest("""
        using System;
        using System.Net.Mail;
        using Polly;

        class C
        {
            ISyncPolicy Policy1 = Policy.Handle<SmtpException>(ex => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable).{|#0:RetryForever()|};
            IAsyncPolicy Policy2 = Policy.Handle<SmtpFailedRecipientException>(ex => ex.StatusCode == SmtpStatusCode.MailboxBusy)
                .{|#1:WaitAndRetryForeverAsync(attempt => TimeSpan.FromSeconds(30))|};
        }
        """).WithExpected(
            Smtp104(0, "has no delay between attempts and no bound on their number"),
            Smtp104(1, "has no bound on the number of attempts"))
        .RunAsync();

    [Fact]
    public Task V8ZeroDelayAndUnboundedAttempts_ReportTheAddRetryCall() => VerifyCS.AnalyzerTest("""
        using System;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;

        class C
        {
            ResiliencePipeline Zero = new ResiliencePipelineBuilder()
                .{|#0:AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(),
                    Delay = TimeSpan.Zero,
                })|}
                .Build();

            ResiliencePipeline Forever = new ResiliencePipelineBuilder()
                .{|#1:AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(),
                    MaxRetryAttempts = int.MaxValue,
                    Delay = TimeSpan.FromSeconds(0),
                })|}
                .Build();
        }
        """).WithExpected(
            Smtp104(0, "has no delay between attempts"),
            Smtp104(1, "has no delay between attempts and no bound on their number"))
        .RunAsync();

    [Fact]
    public Task RetriesThatWaitAndStop_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;

        class C
        {
            ISyncPolicy V7 = Policy.Handle<SmtpProtocolException>().WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ResiliencePipeline V8Default = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>() })
                .Build();

            ResiliencePipeline V8Delay = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(),
                    Delay = TimeSpan.FromSeconds(30),
                    MaxRetryAttempts = 5,
                    BackoffType = DelayBackoffType.Exponential,
                })
                .Build();
        }
        """);

    [Fact]
    public Task NonSmtpPolicies_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using Polly;
        using Polly.Retry;

        class C
        {
            ISyncPolicy Http = Policy.Handle<HttpRequestException>().Retry(3);
            IAsyncPolicy Forever = Policy.Handle<TimeoutException>().RetryForeverAsync();

            ResiliencePipeline V8 = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(), Delay = TimeSpan.Zero })
                .Build();
        }
        """);

    // The Polly rules decide from the names of the references, without loading them, whether to look at
    // invocations (docs/rules/SMTP104.md): the same retry as V7RetryWithoutWait_ReportsTheRetryCall, with Polly's
    // assemblies referenced under other file names, is not looked at.
    [Fact]
    public Task PollyReferencedUnderOtherFileNames_IsNotLookedAt()
    {
        var test = new CSharpAnalyzerTest<UnboundedRetryPolicyAnalyzer, DefaultVerifier>
        {
            TestCode = """
                using MailKit.Net.Smtp;
                using Polly;

                class C
                {
                    ISyncPolicy Policy1 = Policy.Handle<SmtpCommandException>(ex => (int)ex.StatusCode / 100 == 4).Retry(3);
                }
                """,
            ReferenceAssemblies = TestReferences.Net100,
        };
        test.TestState.AdditionalReferences.AddRange(
        [
            MetadataReference.CreateFromFile(typeof(MailKit.Net.Smtp.SmtpClient).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(MimeKit.MimeMessage).Assembly.Location),
            Renamed(typeof(Polly.ResiliencePipeline), "Resilience.Core.dll"),
            Renamed(typeof(Polly.Policy), "Resilience.dll"),
        ]);
        return test.RunAsync();
    }

    private static MetadataReference Renamed(System.Type type, string fileName) =>
        MetadataReference.CreateFromImage(File.ReadAllBytes(type.Assembly.Location), filePath: Path.Combine(Path.GetTempPath(), fileName));
}
