using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.TransientFailures.UnboundedRetryPolicyAnalyzer, SmtpAnalyzers.CodeFixes.UnboundedRetryFixer>;

namespace SmtpAnalyzers.Tests.TransientFailures;

/// <summary>The SMTP104 fix on Polly retries: the output must be exactly this, and the test harness compiles it.</summary>
public class UnboundedRetryFixerPollyTests
{
    [Fact]
    public Task V7RetryAndRetryAsync_BecomeWaitAndRetryWithExponentialBackoff_FixAll() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            ISyncPolicy Sync = Policy.Handle<SmtpProtocolException>().{|SMTP104:Retry(3)|};

            IAsyncPolicy Async = Policy
                .Handle<SmtpProtocolException>()
                .{|SMTP104:RetryAsync()|}; // once
        }
        """, """
        using System;
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            ISyncPolicy Sync = Policy.Handle<SmtpProtocolException>().WaitAndRetry(3, attempt => TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())));

            IAsyncPolicy Async = Policy
                .Handle<SmtpProtocolException>()
                .WaitAndRetryAsync(1, attempt => TimeSpan.FromSeconds(2 * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble()))); // once
        }
        """);

    [Fact]
    public Task V8ZeroDelay_BecomesTwoSecondsWithExponentialBackoffAndJitter() => VerifyCS.FixAsync("""
        using System;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;

        class C
        {
            ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                .{|SMTP104:AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(),
                    Delay = TimeSpan.Zero, // retry at once
                    MaxRetryAttempts = 4,
                })|}
                .Build();

            ResiliencePipeline OneLine = new ResiliencePipelineBuilder()
                .{|SMTP104:AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(), Delay = TimeSpan.Zero })|}
                .Build();
        }
        """, """
        using System;
        using MailKit.Net.Smtp;
        using Polly;
        using Polly.Retry;

        class C
        {
            ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(),
                    Delay = TimeSpan.FromSeconds(2), // retry at once
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    MaxRetryAttempts = 4,
                })
                .Build();

            ResiliencePipeline OneLine = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<SmtpProtocolException>(), Delay = TimeSpan.FromSeconds(2), BackoffType = DelayBackoffType.Exponential, UseJitter = true })
                .Build();
        }
        """);

    [Fact]
    public Task ForeverAndOnRetryCallbacks_HaveNoFix() => VerifyCS.FixAsync("""
        using System;
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            ISyncPolicy Forever = Policy.Handle<SmtpProtocolException>().{|SMTP104:RetryForever()|};
            ISyncPolicy Logged = Policy.Handle<SmtpProtocolException>().{|SMTP104:Retry(3, (exception, attempt) => Console.WriteLine(attempt))|};
        }
        """, """
        using System;
        using MailKit.Net.Smtp;
        using Polly;

        class C
        {
            ISyncPolicy Forever = Policy.Handle<SmtpProtocolException>().{|SMTP104:RetryForever()|};
            ISyncPolicy Logged = Policy.Handle<SmtpProtocolException>().{|SMTP104:Retry(3, (exception, attempt) => Console.WriteLine(attempt))|};
        }
        """);
}
