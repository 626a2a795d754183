using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.PermanentFailureRetryPolicyAnalyzer, Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>Where SMTP103 fires on Polly handlers, what it says, and the near misses where it must stay silent.</summary>
public class PermanentFailureRetryPolicyAnalyzerTests
{
    private static DiagnosticResult Smtp103(int markup, string problem) =>
        new DiagnosticResult(RuleIds.PermanentFailureRetry, DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage("This Polly handler retries permanent SMTP failures: " + problem);

    [Fact]
    public Task V7HandleWithoutPredicate_ReportsTheHandleCall() => VerifyCS.AnalyzerTest("""
        using System;
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            IAsyncPolicy Retry = Policy.{|#0:Handle<SmtpCommandException>()|}
                .Or<SmtpProtocolException>()
                .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(30 * attempt));
        }
        """).WithExpected(Smtp103(0, "Handle<SmtpCommandException>() has no predicate on the reply status, so a 5xx is retried like a 4xx"))
        .RunAsync();

    [Fact]
    public Task V7OrOfSystemNetMailExceptionWithoutPredicate_ReportsTheOrCall() => VerifyCS.AnalyzerTest("""
        using System;
        using System.IO;
        using System.Net.Mail;
        using Polly;

        class C
        {
            ISyncPolicy Retry = Policy.Handle<IOException>()
                .{|#0:Or<SmtpException>()|}
                .WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));
        }
        """).WithExpected(Smtp103(0, "Or<SmtpException>() has no predicate on the reply status, so a 5xx is retried like a 4xx"))
        .RunAsync();

    [Fact]
    public Task PredicatesThatAdmitPermanentCodes_Report() => VerifyCS.AnalyzerTest("""
        using System;
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            ISyncPolicy Failures = Policy.{|#0:Handle<SmtpCommandException>(ex => (int)ex.StatusCode >= 400)|}
                .WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ISyncPolicy AllButOne = Policy.{|#1:Handle<SmtpCommandException>(ex => { return ex.StatusCode != SmtpStatusCode.MailboxUnavailable; })|}
                .WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));
        }
        """).WithExpected(
            Smtp103(0, "its predicate holds for 500 (Syntax error, command unrecognized)"),
            Smtp103(1, "its predicate holds for 500 (Syntax error, command unrecognized)"))
        .RunAsync();

    [Fact]
    public Task V8PredicateBuilderWithoutPredicate_ReportsTheHandleCall() => VerifyCS.AnalyzerTest("""
        using System;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;

        class C
        {
            ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>().{|#0:Handle<SmtpCommandException>()|},
                    Delay = TimeSpan.FromSeconds(30),
                    BackoffType = DelayBackoffType.Exponential,
                })
                .Build();
        }
        """).WithExpected(Smtp103(0, "Handle<SmtpCommandException>() has no predicate on the reply status, so a 5xx is retried like a 4xx"))
        .RunAsync();

    [Fact]
    public Task TransientPredicates_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Mail;
        using Polly;
        using Polly.Retry;

        class C
        {
            ISyncPolicy Class = Policy.Handle<SmtpException>(ex => ex.StatusCode == SmtpStatusCode.GeneralFailure || (int)ex.StatusCode / 100 == 4)
                .WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ISyncPolicy Helper = Policy.Handle<SmtpException>(ex => IsTransient((int)ex.StatusCode))
                .WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ISyncPolicy MethodGroup = Policy.Handle<SmtpException>(ShouldRetry)
                .WaitAndRetry(3, attempt => TimeSpan.FromSeconds(30 * attempt));

            ResiliencePipeline V8 = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpException>(ex => ex.StatusCode is >= SmtpStatusCode.ServiceNotAvailable and <= SmtpStatusCode.InsufficientStorage),
                })
                .Build();

            static bool IsTransient(int reply) => reply / 100 == 4;

            static bool ShouldRetry(SmtpException ex) => true;
        }
        """);

    [Fact]
    public Task PoliciesThatAreNotSmtpRetries_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.CircuitBreaker;

        class C
        {
            ISyncPolicy Http = Policy.Handle<HttpRequestException>().Retry(3);
            ISyncPolicy Dropped = Policy.Handle<SmtpProtocolException>().Retry(3);
            ISyncPolicy Breaker = Policy.Handle<SmtpCommandException>().CircuitBreaker(5, TimeSpan.FromMinutes(1));
            PolicyBuilder Stored = Policy.Handle<SmtpCommandException>();

            ResiliencePipeline V8Breaker = new ResiliencePipelineBuilder()
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<SmtpCommandException>() })
                .Build();
        }
        """);
}
