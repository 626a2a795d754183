using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyClassBoundsAnalyzer, SmtpAnalyzers.CodeFixes.ReplyClassBoundsFixer>;
using VerifySmtp001 = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.MagicReplyCodeAnalyzer, SmtpAnalyzers.CodeFixes.MagicReplyCodeFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>Where SMTP004 fires, what it says, and the near misses where it must stay silent.</summary>
public class ReplyClassBoundsAnalyzerTests
{
    private static DiagnosticResult Smtp004(int markup, string message) =>
        new DiagnosticResult(RuleIds.ReplyClassBounds, DiagnosticSeverity.Info).WithLocation(markup).WithMessage(message);

    [Fact]
    public Task TwoSidedRangeOnPlainInteger_NamesTheClassAndTheHelper() => VerifyCS.AnalyzerTest("""
        class C
        {
            bool Retry(int smtpReplyCode) => {|#0:smtpReplyCode >= 400 && smtpReplyCode < 500|};
        }
        """).WithExpected(Smtp004(0,
            "Reply class test 'smtpReplyCode >= 400 && smtpReplyCode < 500' means transient 4xx: use SmtpReplyCodes.IsTransient(smtpReplyCode)"))
        .RunAsync();

    [Fact]
    public Task MirroredAndInclusiveBounds_Report() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool A(SmtpCommandException ex) => {|SMTP004:400 <= (int)ex.StatusCode && (int)ex.StatusCode < 500|};
            bool B(SmtpCommandException ex) => {|SMTP004:(int)ex.StatusCode > 399 && (int)ex.StatusCode <= 499|};
            bool C2(SmtpCommandException ex) => {|SMTP004:(int)ex.StatusCode < 300 && (int)ex.StatusCode >= 200|};
        }
        """);

    [Fact]
    public Task LocalInitialisedFromSystemNetMailStatus_SingleSidedBoundsReport() => VerifyCS.AnalyzerTest("""
        using System.Net.Mail;

        class C
        {
            string M(SmtpException ex)
            {
                var code = (int)ex.StatusCode;
                if ({|#0:code >= 500|}) return "permanent";
                if ({|#1:code < 300|}) return "ok";
                return {|#2:code >= 400|} ? "failed" : "other";
            }
        }
        """).WithExpected(
            Smtp004(0, "Reply class test 'code >= 500' means permanent 5xx: use SmtpReplyCodes.ClassOf(code) >= 5"),
            Smtp004(1, "Reply class test 'code < 300' means positive completion 2xx: use SmtpReplyCodes.ClassOf(code) < 3"),
            Smtp004(2, "Reply class test 'code >= 400' means transient 4xx or permanent 5xx: use SmtpReplyCodes.ClassOf(code) >= 4"))
        .RunAsync();

    // MailKit's own style (SmtpClient.ParseMailFromResponse): the bound is a cast to the status enum.
    [Fact]
    public Task CastBoundOnStatusEnum_ReportsPartOfClass() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Accepted(SmtpResponse response) =>
                response.StatusCode >= SmtpStatusCode.Ok && {|#0:response.StatusCode < (SmtpStatusCode) 260|};
        }
        """).WithExpected(Smtp004(0,
            "Reply class test 'response.StatusCode < (SmtpStatusCode) 260' covers only part of the positive completion 2xx class"))
        .RunAsync();

    [Fact]
    public Task CastBoundsOnStatusEnum_NameTheHelperOfTheIntStatus() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;
        using Mail = System.Net.Mail;

        class C
        {
            bool Retry(SmtpCommandException ex) => {|#0:ex.StatusCode >= (SmtpStatusCode)400 && ex.StatusCode < (SmtpStatusCode)500|};
            bool Failed(Mail.SmtpStatusCode status) => {|#1:status >= (Mail.SmtpStatusCode)400|};
            bool Positive(SmtpStatusCode status) => {|#2:status is >= (SmtpStatusCode)200 and < (SmtpStatusCode)300|};
        }
        """).WithExpected(
            Smtp004(0, "Reply class test 'ex.StatusCode >= (SmtpStatusCode)400 && ex.StatusCode < (SmtpStatusCode)500' means transient 4xx: use SmtpReplyCodes.IsTransient((int)ex.StatusCode)"),
            Smtp004(1, "Reply class test 'status >= (Mail.SmtpStatusCode)400' means transient 4xx or permanent 5xx: use SmtpReplyCodes.ClassOf((int)status) >= 4"),
            Smtp004(2, "Reply class test 'status is >= (SmtpStatusCode)200 and < (SmtpStatusCode)300' means positive completion 2xx: use SmtpReplyCodes.IsPositive((int)status)"))
        .RunAsync();

    [Fact]
    public Task CastBoundsOnOtherEnums_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http;

        class C
        {
            bool Ok(HttpResponseMessage r) => r.StatusCode >= (HttpStatusCode)200 && r.StatusCode < (HttpStatusCode)300;
            bool Big(long size) => size > (long)500;
        }
        """);

    [Fact]
    public Task PatternsAndClassArithmetic_Report() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool A(int smtpStatus) => {|SMTP004:smtpStatus is >= 400 and < 500|};
            bool B(SmtpCommandException ex) => {|SMTP004:(int)ex.StatusCode / 100 == 4|};
            bool D(int smtpStatus) => {|SMTP004:5 == smtpStatus / 100|};
            bool E(int smtpStatus) => {|SMTP004:smtpStatus / 100 != 2|};

            string F(SmtpCommandException ex) => (int)ex.StatusCode switch
            {
                {|SMTP004:>= 500|} => "permanent",
                {|SMTP004:>= 400 and < 500|} => "transient",
                _ => "other",
            };

            string G(int smtpStatus)
            {
                switch (smtpStatus)
                {
                    case {|SMTP004:< 300|}:
                        return "ok";
                    default:
                        return "other";
                }
            }
        }
        """);

    [Fact]
    public Task OffByOneAndPartialBounds_SayWhatTheyMiss() => VerifyCS.AnalyzerTest("""
        class C
        {
            bool A(int smtpStatus) => {|#0:smtpStatus > 400|};
            bool B(int smtpStatus) => {|#1:smtpStatus <= 500|};
            bool D(int smtpStatus) => {|#2:smtpStatus >= 450 && smtpStatus < 500|};
            bool E(int smtpStatus) => {|#3:smtpStatus >= 400 && smtpStatus < 499|};
        }
        """).WithExpected(
            Smtp004(0, "Reply class test 'smtpStatus > 400' misses 400, the first transient 4xx reply"),
            Smtp004(1, "Reply class test 'smtpStatus <= 500' also takes 500, the first permanent 5xx reply"),
            Smtp004(2, "Reply class test 'smtpStatus >= 450 && smtpStatus < 500' covers only part of the transient 4xx class"),
            Smtp004(3, "Reply class test 'smtpStatus >= 400 && smtpStatus < 499' misses 499, the last transient 4xx reply"))
        .RunAsync();

    [Fact]
    public Task RangeInsideLongerCondition_ReportedOnceFromItsFirstBound() => VerifyCS.AnalyzerTest("""
        class C
        {
            bool Retry(bool enabled, int smtpStatus) => enabled && {|#0:smtpStatus >= 400 && smtpStatus < 500|};
        }
        """).WithExpected(Smtp004(0,
            "Reply class test 'smtpStatus >= 400 && smtpStatus < 500' means transient 4xx: use SmtpReplyCodes.IsTransient(smtpStatus)"))
        .RunAsync();

    [Fact]
    public Task MultiLineRange_IsReportedOnItsFirstLine_AndQuotedOnOneLine() => VerifyCS.AnalyzerTest("""
        class C
        {
            bool Retry(int smtpStatus) =>
                {|#0:smtpStatus >= 400|}
                &&   smtpStatus < 500;
        }
        """).WithExpected(Smtp004(0,
            "Reply class test 'smtpStatus >= 400 && smtpStatus < 500' means transient 4xx: use SmtpReplyCodes.IsTransient(smtpStatus)"))
        .RunAsync();

    [Fact]
    public Task HttpSizesTimeoutsAndUnnamedIntegers_AreSilent() => VerifyCS.AnalyzerAsync("""
        using System.Net.Http;
        using MailKit.Net.Smtp;

        class C
        {
            const int TransientFloor = 400;

            bool Http(HttpResponseMessage r) => (int)r.StatusCode >= 500;
            bool HttpRange(HttpResponseMessage r) => (int)r.StatusCode >= 400 && (int)r.StatusCode < 500;
            bool Timeout(int smtpReplyTimeoutMs) => smtpReplyTimeoutMs > 400;
            bool Size(int maxSmtpMessageSize) => maxSmtpMessageSize >= 500;
            bool Unnamed(int statusCode) => statusCode >= 400 && statusCode < 500;
            bool Named(SmtpCommandException ex) => (int)ex.StatusCode >= TransientFloor;
            bool Enum(SmtpCommandException ex) => ex.StatusCode >= SmtpStatusCode.ServiceNotAvailable;
        }
        """);

    [Fact]
    public Task ValidityChecksAndMixedConditions_AreSilent() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool Valid(int smtpStatus) => smtpStatus >= 200 && smtpStatus < 600;
            bool Low(int smtpStatus) => smtpStatus < 200;
            bool High(int smtpStatus) => smtpStatus >= 600;
            bool Beyond(int smtpStatus) => smtpStatus > 1000;
            bool Empty(int smtpStatus) => smtpStatus >= 500 && smtpStatus < 400;
            bool NotTransient(int smtpStatus) => smtpStatus is not (>= 400 and < 500);
            bool Excluding(int smtpStatus) => smtpStatus is >= 400 and not 421;
            bool Hundreds(int smtpStatus) => smtpStatus % 100 == 4;
        }
        """);

    [Fact]
    public Task ClassTests_DoNotTriggerSmtp001OrSmtp003() => VerifySmtp001.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool A(SmtpCommandException ex) => (int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500;
            bool B(int smtpStatus) => smtpStatus is >= 500 and < 600 || smtpStatus / 100 == 4;
            bool D(int smtpStatus) => smtpStatus > 405;
        }
        """);

    [Fact]
    public async Task IncompleteCode_DoesNotThrowAndReportsOnlyCompleteBounds()
    {
        var test = VerifyCS.AnalyzerTest("""
            class C
            {
                bool A(int smtpStatus) => smtpStatus >= && {|SMTP004:smtpStatus < 500|};
                bool B(int smtpStatus) => smtpStatus is >= 400 and;
                bool D(int smtpStatus) => smtpStatus / 100 == ;
                bool E(int smtpStatus) => 400 <= && {|SMTP004:smtpStatus < 500|};
                bool F(int smtpStatus) => smtpStatus switch { >= 500 and => 1 };
            }
            """);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
