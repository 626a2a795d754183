using SmtpAnalyzers.CodeFixes;
using SmtpAnalyzers.ReplyCodes;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.MagicReplyCodeAnalyzer, SmtpAnalyzers.CodeFixes.MagicReplyCodeFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>Where SMTP001 and SMTP003 fire, and the near misses where they must stay silent.</summary>
public class MagicReplyCodeAnalyzerTests
{
    [Fact]
    public Task IntCastComparedWithLiteral_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
        }
        """);

    // Literals are found by searching the file's text for digits, passing over digits inside names: every
    // spelling of a number is still found, also with no space before it and next to names that hold digits.
    [Fact]
    public Task LiteralsSpelledEveryWay_Report() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:0x1A5|} || (int)ex.StatusCode == {|SMTP001:4_21|} || (int)ex.StatusCode == /* 550 */ {|SMTP001:450|};

            bool Busy421(SmtpCommandException ex2) => (int)ex2.StatusCode=={|SMTP001:421|}||{|SMTP001:452|}==(int)ex2.StatusCode;
        }
        """);

    // Digits in a comment, documentation or directive send the search to the end of that trivia: the
    // literal right after it, on the same line or the next, is still found.
    [Fact]
    public Task LiteralsAfterTriviaWithDigits_Report() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            /// <summary>421 and 450 are transient, 550 is not.</summary>
            bool Busy(SmtpCommandException ex) =>
                (int)ex.StatusCode ==
                    // 550 would be permanent
                    {|SMTP001:421|}
        #pragma warning disable CS0162 // 1234
                || (int)ex.StatusCode == /* 5.7.1 */{|SMTP001:450|};
        #pragma warning restore CS0162
        }
        """);

    [Fact]
    public Task LiteralOnTheLeft_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => {|SMTP001:421|} != (int)ex.StatusCode;
        }
        """);

    [Fact]
    public Task CastToMailKitStatus_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Full(SmtpCommandException ex) => ex.StatusCode == (SmtpStatusCode){|SMTP001:452|};
        }
        """);

    [Fact]
    public Task CastToSystemNetMailStatus_Reports() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            SmtpStatusCode Code() => (SmtpStatusCode){|SMTP001:550|};
        }
        """);

    [Fact]
    public Task MessageNamesCodeTitleClassAndReplacement() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|#0:421|};
        }
        """).WithExpected(
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("SMTP001").WithLocation(0).WithMessage(
                "421 is the SMTP reply 'Service not available' (transient 4xx): use SmtpStatusCode.ServiceNotAvailable")).RunAsync();

    [Fact]
    public Task SwitchStatementOverIntCastStatus_ReportsEveryLabel() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            string Describe(SmtpCommandException ex)
            {
                switch ((int)ex.StatusCode)
                {
                    case {|SMTP001:450|}:
                    case {|SMTP001:451|}:
                        return "greylisted";
                    case {|SMTP001:550|}:
                        return "rejected";
                    default:
                        return "other";
                }
            }
        }
        """);

    [Fact]
    public Task SwitchExpressionOverIntCastStatus_ReportsArms() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            bool Retry(SmtpException ex) => (int)ex.StatusCode switch
            {
                {|SMTP001:421|} or {|SMTP001:450|} => true,
                _ => false,
            };
        }
        """);

    [Fact]
    public Task IsOrPattern_ReportsEachConstant() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Transient(SmtpCommandException ex) => (int)ex.StatusCode is {|SMTP001:450|} or {|SMTP001:451|} or {|SMTP001:452|};
        }
        """);

    [Fact]
    public Task NegatedPattern_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool NotOk(SmtpResponse r) => (int)r.StatusCode is not {|SMTP001:250|};
        }
        """);

    [Fact]
    public Task LocalInitializedFromStatus_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex)
            {
                var code = (int)ex.StatusCode;
                return code == {|SMTP001:421|} || code == {|SMTP001:450|};
            }
        }
        """);

    [Fact]
    public Task IntegerNamedForSmtpReply_Reports() => VerifyCS.AnalyzerAsync("""
        class C
        {
            int lastSmtpStatus;

            bool Accepted(int smtpReplyCode) => smtpReplyCode == {|SMTP001:250|};

            void Reset() => lastSmtpStatus = {|SMTP001:220|};

            bool Ready() => lastSmtpStatus is {|SMTP001:220|};
        }
        """);

    [Fact]
    public Task ArgumentForParameterNamedForSmtpReply_Reports() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            static void Record(string recipient, int smtpStatus) { }

            async Task M()
            {
                Record("a@example.com", {|SMTP001:550|});
                Record(smtpStatus: {|SMTP001:250|}, recipient: "b@example.com");
                await Task.Delay(550);
            }
        }
        """);

    [Fact]
    public Task LocalNamedForSmtpReply_InitializerReports() => VerifyCS.AnalyzerAsync("""
        class C
        {
            int M()
            {
                int smtpCode = {|SMTP001:354|};
                return smtpCode;
            }
        }
        """);

    [Fact]
    public Task ValueNotInCatalog_ReportsSmtp003WithLookAlikes() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|#0:405|};
        }
        """).WithExpected(
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("SMTP003").WithLocation(0).WithMessage(
                "405 is not an SMTP reply code but the HTTP status 'Method Not Allowed' (if it is a typo, did you mean 450 'Mailbox unavailable, try later'?)")).RunAsync();

    [Fact]
    public Task FourDigitTypo_MessageNamesEveryCodeOneDigitAway() => VerifyCS.AnalyzerTest("""
        using System.Net.Mail;

        class C
        {
            bool Rejected(SmtpException ex) => (int)ex.StatusCode == {|#0:5501|};
        }
        """).WithExpected(
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("SMTP003").WithLocation(0).WithMessage(
                "5501 is not an SMTP reply code (did you mean 501 'Syntax error in parameters or arguments', 550 'Mailbox unavailable' or 551 'User not local, try another path'?)")).RunAsync();

    [Fact]
    public Task HttpStatusWithNoLookAlike_MessageSaysHttpNotTypo() => VerifyCS.AnalyzerTest("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Missing(SmtpCommandException ex) => (int)ex.StatusCode == {|#0:404|};
            bool Sent(SmtpCommandException ex) => ex.StatusCode == (SmtpStatusCode){|#1:200|};
        }
        """).WithExpected(
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("SMTP003").WithLocation(0).WithMessage(
                "404 is not an SMTP reply code but the HTTP status 'Not Found'"),
            Microsoft.CodeAnalysis.Testing.DiagnosticResult.CompilerWarning("SMTP003").WithLocation(1).WithMessage(
                "200 is not an SMTP reply code but the HTTP status 'OK'")).RunAsync();

    // MailKit's own style: a bound written as a cast to the status enum is a class test (SMTP004), never a
    // mistyped code (SMTP003) nor a code to name (SMTP001).
    [Fact]
    public Task CastBoundsInRelationalComparisons_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Accepted(SmtpResponse response) =>
                response.StatusCode >= SmtpStatusCode.Ok && response.StatusCode < (SmtpStatusCode) 260;
            bool Failed(SmtpStatusCode status) => status >= (SmtpStatusCode)400;
            bool Positive(SmtpStatusCode? status) => status < (SmtpStatusCode)300 || (SmtpStatusCode)250 > status;
            bool Permanent(SmtpStatusCode status) => status is >= (SmtpStatusCode)500 and < (SmtpStatusCode)600;
        }
        """);

    [Fact]
    public Task CastInEqualityComparison_StillReportsSmtp003() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Odd(SmtpResponse response) => response.StatusCode == (SmtpStatusCode){|SMTP003:260|};
        }
        """);

    [Fact]
    public Task FourDigitTypo_ReportsSmtp003() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;

        class C
        {
            bool Rejected(SmtpException ex) => ex.StatusCode == (SmtpStatusCode){|SMTP003:5501|};
        }
        """);

    [Fact]
    public Task HttpStatusComparedWithSmtpStatus_ReportsSmtp003() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool Ok(int smtpStatus) => smtpStatus == {|SMTP003:200|};
        }
        """);

    // Near misses: the same numbers where they are not SMTP reply codes.

    [Fact]
    public Task HttpStatusCodes_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http;
        using MailKit.Net.Smtp;

        class C
        {
            bool Fine(HttpResponseMessage r) => (int)r.StatusCode == 421 || r.StatusCode == (HttpStatusCode)503;
            int status = 500;
            bool ServerError(int httpStatus) => httpStatus == 550;
        }
        """);

    [Fact]
    public Task SizesTimeoutsAndPorts_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;

        class C
        {
            async Task Send(SmtpClient smtp)
            {
                smtp.Timeout = 421;
                await smtp.ConnectAsync("mail.example.com", 587);
                var buffer = new byte[250];
                if (buffer.Length == 250 || smtp.Timeout == 421) { }
                await Task.Delay(550);
                int smtpPort = 465;
                int maxSmtpRecipients = 250;
            }
        }
        """);

    [Fact]
    public Task ConstantDeclarations_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class Codes
        {
            public const int SmtpCodeBusy = 450;
            public static readonly int SmtpStatusRejected = 550;
            public static readonly SmtpStatusCode Greylisted = (SmtpStatusCode)451;
            private readonly int smtpReplyDefault = 250;
            public int SmtpOkCode { get; } = 250;

            static int M()
            {
                const int smtpOkCode = 250;
                return smtpOkCode;
            }
        }
        """);

    [Fact]
    public Task ReadonlySetOfCodes_ReportsEachCode() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using MailKit.Net.Smtp;

        static class Codes
        {
            public static readonly HashSet<SmtpStatusCode> Transient = new() { (SmtpStatusCode){|SMTP001:421|}, (SmtpStatusCode){|SMTP001:450|} };
        }
        """);

    [Fact]
    public Task PropertyPatternOnNamedInteger_Reports() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        record Reply(int SmtpStatus);

        class C
        {
            bool Busy(Reply r) => r is { SmtpStatus: {|SMTP001:421|} };
            bool Full(SmtpCommandException ex) => ex is { StatusCode: (SmtpStatusCode){|SMTP001:452|} };
        }
        """);

    [Fact]
    public Task QuantitiesNamedAfterSmtpReplies_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        class SmtpSettings
        {
            public int SmtpReplyTimeoutSeconds { get; set; } = 120;
            int smtpStatusPollIntervalMs = 5000;
            int MaxSmtpReplyLength = 512;

            bool M() => smtpStatusPollIntervalMs == 5000 && MaxSmtpReplyLength == 512 && SmtpReplyTimeoutSeconds == 421;
        }
        """);

    [Fact]
    public Task EnumMemberInitializers_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        enum MySmtpStatusCode
        {
            Ok = 250,
            Busy = 450,
        }
        """);

    [Fact]
    public Task RelationalComparisons_LeftToClassTests() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Transient(SmtpCommandException ex) =>
                (int)ex.StatusCode >= 400 && (int)ex.StatusCode < 500 || (int)ex.StatusCode / 100 == 4 || (int)ex.StatusCode is >= 500;
        }
        """);

    [Fact]
    public Task NamedConstantsAndSentinels_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool M(SmtpCommandException ex, int smtpCode) =>
                ex.StatusCode == SmtpStatusCode.MailboxBusy || smtpCode == 0 || smtpCode == -1;
        }
        """);

    [Fact]
    public Task NameWithoutSmtp_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool M(int statusCode, int replyCode) => statusCode == 250 || replyCode == 421;
        }
        """);

    [Fact]
    public Task GeneratedCode_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        // <auto-generated/>
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == 421;
        }
        """);

    // The reply-code rules skip generated code themselves (SmtpFileAnalyzer): the same declarations as the driver.
    [Fact]
    public Task GeneratedCodeAttribute_NoDiagnosticInsideMarkedDeclarations() => VerifyCS.AnalyzerAsync("""
        using System.CodeDom.Compiler;
        using MailKit.Net.Smtp;

        [GeneratedCode("tool", "1.0")]
        class Generated
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == 421;

            class Nested
            {
                bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == 421;
            }
        }

        class Handwritten
        {
            [System.CodeDom.Compiler.GeneratedCodeAttribute("tool", "1.0")]
            bool Generated(SmtpCommandException ex) => (int)ex.StatusCode == 421;

            [System.Obsolete]
            bool Written(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
        }
        """);

    // A partial type with another part elsewhere is not generated code, whichever part carries the attribute.
    [Fact]
    public async Task GeneratedCodeAttributeOnOnePartOfAPartialType_Reports()
    {
        var test = VerifyCS.AnalyzerTest("""
            using System.CodeDom.Compiler;
            using MailKit.Net.Smtp;

            [GeneratedCode("tool", "1.0")]
            partial class C
            {
                bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
            }
            """);
        test.TestState.Sources.Add(("/0/Test1.cs", "partial class C { }"));
        await test.RunAsync();
    }

    [Fact]
    public Task GeneratedCodeOption_NoDiagnostic() => VerifyCS.AnalyzerAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == 421;
        }
        """, editorConfig: "generated_code = true");

    [Fact]
    public Task ConfiguredNamePattern_ReplacesDefault() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool M(int replyCode, int smtpStatus) => replyCode == {|SMTP001:421|} || smtpStatus == 421;
        }
        """, editorConfig: "smtp_analyzers.reply_code_name_pattern = ^replyCode$");

    [Fact]
    public Task InvalidNamePattern_FallsBackToDefault() => VerifyCS.AnalyzerAsync("""
        class C
        {
            bool M(int smtpStatus) => smtpStatus == {|SMTP001:421|};
        }
        """, editorConfig: "smtp_analyzers.reply_code_name_pattern = ([unclosed");
}
