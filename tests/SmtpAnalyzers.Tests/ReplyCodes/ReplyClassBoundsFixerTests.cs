using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyClassBoundsAnalyzer, SmtpAnalyzers.CodeFixes.ReplyClassBoundsFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>The SMTP004 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class ReplyClassBoundsFixerTests
{
    private static Task FixWithGeneratedFileAsync(string source, string fixedSource) =>
        VerifyCS.FixTest(source, fixedSource).RunAsync();

    [Fact]
    public Task MailKitIntCastRange_BecomesIsTransientOfTheCastStatus() => FixWithGeneratedFileAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Retry(SmtpCommandException ex) => {|SMTP004:(int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500|};
        }
        """, """
        using MailKit.Net.Smtp;
        using TestProject;

        class C
        {
            bool Retry(SmtpCommandException ex) => SmtpReplyCodes.IsTransient((int)ex.StatusCode);
        }
        """);

    [Fact]
    public Task SystemNetMailPatternAndDivision_BecomeIsPermanentAndIsPositive() => FixWithGeneratedFileAsync("""
        using System.Net.Mail;

        class C
        {
            bool GiveUp(SmtpException ex) => {|SMTP004:(int)ex.StatusCode is >= 500 and < 600|};
            bool Sent(SmtpException ex) => {|SMTP004:(int)ex.StatusCode / 100 == 2|};
            bool Unfinished(SmtpException ex) => {|SMTP004:(int)ex.StatusCode / 100 != 2|};
        }
        """, """
        using System.Net.Mail;
        using TestProject;

        class C
        {
            bool GiveUp(SmtpException ex) => SmtpReplyCodes.IsPermanent((int)ex.StatusCode);
            bool Sent(SmtpException ex) => SmtpReplyCodes.IsPositive((int)ex.StatusCode);
            bool Unfinished(SmtpException ex) => !SmtpReplyCodes.IsPositive((int)ex.StatusCode);
        }
        """);

    [Fact]
    public Task SingleSidedBounds_BecomeClassOfComparisons() => FixWithGeneratedFileAsync("""
        class C
        {
            bool Failed(int smtpStatus) => {|SMTP004:smtpStatus >= 400|};
            bool Accepted(int smtpStatus) => {|SMTP004:smtpStatus <= 399|};
            bool NotFailed(int smtpStatus) => !({|SMTP004:smtpStatus > 399|});
        }
        """, """
        using TestProject;

        class C
        {
            bool Failed(int smtpStatus) => SmtpReplyCodes.ClassOf(smtpStatus) >= 4;
            bool Accepted(int smtpStatus) => SmtpReplyCodes.ClassOf(smtpStatus) < 4;
            bool NotFailed(int smtpStatus) => !(SmtpReplyCodes.ClassOf(smtpStatus) >= 4);
        }
        """);

    [Fact]
    public Task RangeOverTwoClassesAndRangeInsideAChain_KeepTheRestOfTheCondition() => FixWithGeneratedFileAsync("""
        class C
        {
            bool Positive(int smtpStatus) => {|SMTP004:smtpStatus >= 200 && smtpStatus < 400|};
            bool Retry(bool enabled, int smtpStatus) => enabled && {|SMTP004:smtpStatus >= 400 && smtpStatus < 500|};
            bool Either(bool forced, int smtpStatus) => forced || {|SMTP004:smtpStatus >= 400 && smtpStatus < 600|} && !forced;
        }
        """, """
        using TestProject;

        class C
        {
            bool Positive(int smtpStatus) => SmtpReplyCodes.IsPositive(smtpStatus) || SmtpReplyCodes.IsIntermediate(smtpStatus);
            bool Retry(bool enabled, int smtpStatus) => enabled && SmtpReplyCodes.IsTransient(smtpStatus);
            bool Either(bool forced, int smtpStatus) => forced || (SmtpReplyCodes.IsTransient(smtpStatus) || SmtpReplyCodes.IsPermanent(smtpStatus)) && !forced;
        }
        """);

    [Fact]
    public Task PartialRangesSwitchArmsAndLongValues_OfferNoFix()
    {
        const string Source = """
            class C
            {
                bool Greylisted(int smtpStatus) => {|SMTP004:smtpStatus >= 450 && smtpStatus < 500|};
                bool OffByOne(int smtpStatus) => {|SMTP004:smtpStatus > 400|};
                bool Wide(long smtpStatus) => {|SMTP004:smtpStatus >= 400 && smtpStatus < 500|};
                string Arm(int smtpStatus) => smtpStatus switch
                {
                    {|SMTP004:>= 500|} => "permanent",
                    _ => "other",
                };
            }
            """;
        return VerifyCS.FixAsync(Source, Source);
    }

    [Fact]
    public async Task FixAll_FixesEveryTestInTheDocumentInOnePass()
    {
        var test = VerifyCS.FixTest("""
            using MailKit.Net.Smtp;

            class C
            {
                string Classify(SmtpCommandException ex)
                {
                    var code = (int)ex.StatusCode;
                    if ({|SMTP004:code >= 400 && code < 500|}) return "retry";
                    if ({|SMTP004:code >= 500|}) return "bounce";
                    return {|SMTP004:code is >= 200 and < 300|} ? "sent" : "other";
                }
            }
            """, """
            using MailKit.Net.Smtp;
            using TestProject;

            class C
            {
                string Classify(SmtpCommandException ex)
                {
                    var code = (int)ex.StatusCode;
                    if (SmtpReplyCodes.IsTransient(code)) return "retry";
                    if (SmtpReplyCodes.ClassOf(code) >= 5) return "bounce";
                    return SmtpReplyCodes.IsPositive(code) ? "sent" : "other";
                }
            }
            """);
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.NumberOfIncrementalIterations = 3;
        await test.RunAsync();
    }

    [Fact]
    public async Task ExistingClassWithoutTheHelper_OffersNoFixButOneWithItIsUsed()
    {
        const string Existing = """
            namespace Mail
            {
                internal static class SmtpReplyCodes
                {
                    public static bool IsTransient(int reply) => reply / 100 == 4;
                }
            }
            """;
        var test = VerifyCS.FixTest("""
            class C
            {
                bool Retry(int smtpStatus) => {|SMTP004:smtpStatus >= 400 && smtpStatus < 500|};
                bool GiveUp(int smtpStatus) => {|SMTP004:smtpStatus >= 500 && smtpStatus < 600|};
            }
            """, """
            using Mail;

            class C
            {
                bool Retry(int smtpStatus) => SmtpReplyCodes.IsTransient(smtpStatus);
                bool GiveUp(int smtpStatus) => {|SMTP004:smtpStatus >= 500 && smtpStatus < 600|};
            }
            """);
        test.TestState.Sources.Add(("/0/Existing.cs", Existing));
        test.FixedState.Sources.Add(("/0/Existing.cs", Existing));
        test.FixedState.MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow;
        await test.RunAsync();
    }
}
