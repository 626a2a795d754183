using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.MagicReplyCodeAnalyzer, SmtpAnalyzers.CodeFixes.MagicReplyCodeFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>The SMTP001 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class MagicReplyCodeFixerTests
{
    [Fact]
    public Task MailKitIntCast_BecomesEnumMemberAndCastIsDropped() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable;
        }
        """);

    [Fact]
    public Task CastToEnum_BecomesEnumMember() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Full(SmtpCommandException ex) => ex.StatusCode == (SmtpStatusCode){|SMTP001:452|};
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool Full(SmtpCommandException ex) => ex.StatusCode == SmtpStatusCode.InsufficientStorage;
        }
        """);

    [Fact]
    public Task CatalogOption_IntCast_KeepsTheCastAndUsesSmtpReplyCodes() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
        }
        """, """
        using MailKit.Net.Smtp;
        using TestProject;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == SmtpReplyCodes.ServiceNotAvailable;
        }
        """, "smtp_analyzers.reply_code_constants = catalog");

    [Fact]
    public Task CatalogOption_CastToEnum_CastsTheSmtpReplyCodesConstant() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Full(SmtpCommandException ex) => ex.StatusCode == (SmtpStatusCode){|SMTP001:452|};
        }
        """, """
        using MailKit.Net.Smtp;
        using TestProject;

        class C
        {
            bool Full(SmtpCommandException ex) => ex.StatusCode == (SmtpStatusCode)SmtpReplyCodes.InsufficientStorage;
        }
        """, "smtp_analyzers.reply_code_constants = catalog");

    [Fact]
    public Task LibraryOption_IsTheDefault() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable;
        }
        """, "smtp_analyzers.reply_code_constants = library");

    [Fact]
    public Task SystemNetMail_UsesItsOwnMemberName() => VerifyCS.FixAsync("""
        using System.Net.Mail;

        class C
        {
            bool Greylisted(SmtpException ex) => (int)ex.StatusCode == {|SMTP001:451|};
        }
        """, """
        using System.Net.Mail;

        class C
        {
            bool Greylisted(SmtpException ex) => ex.StatusCode == SmtpStatusCode.LocalErrorInProcessing;
        }
        """);

    [Fact]
    public Task BothEnumsInScope_QualifiesTheName() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
        }
        """, """
        using MailKit.Net.Smtp;
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.StatusCode == MailKit.Net.Smtp.SmtpStatusCode.ServiceNotAvailable;
        }
        """);

    [Fact]
    public Task Alias_IsUsed() => VerifyCS.FixAsync("""
        using MailKitStatus = MailKit.Net.Smtp.SmtpStatusCode;

        class C
        {
            bool Busy(MailKit.Net.Smtp.SmtpCommandException ex) => (int)ex.StatusCode == {|SMTP001:421|};
        }
        """, """
        using MailKitStatus = MailKit.Net.Smtp.SmtpStatusCode;

        class C
        {
            bool Busy(MailKit.Net.Smtp.SmtpCommandException ex) => ex.StatusCode == MailKitStatus.ServiceNotAvailable;
        }
        """);

    [Fact]
    public Task SwitchOverIntCast_AllLabelsBecomeMembersAndCastIsDropped() => VerifyCS.FixAsync("""
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
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            string Describe(SmtpCommandException ex)
            {
                switch (ex.StatusCode)
                {
                    case SmtpStatusCode.MailboxBusy:
                    case SmtpStatusCode.ErrorInProcessing:
                        return "greylisted";
                    case SmtpStatusCode.MailboxUnavailable:
                        return "rejected";
                    default:
                        return "other";
                }
            }
        }
        """);

    [Fact]
    public Task IsPatternOverIntCast_AllConstantsBecomeMembers() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Greylisted(SmtpCommandException ex) => (int)ex.StatusCode is {|SMTP001:450|} or {|SMTP001:451|};
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool Greylisted(SmtpCommandException ex) => ex.StatusCode is SmtpStatusCode.MailboxBusy or SmtpStatusCode.ErrorInProcessing;
        }
        """);

    [Fact]
    public async Task PlainInteger_UsesGeneratedSmtpReplyCodesAndAddsNoFile()
    {
        var test = VerifyCS.FixTest("""
            class C
            {
                bool Accepted(int smtpReplyCode) => smtpReplyCode == {|SMTP001:250|};
            }
            """, """
            using TestProject;

            class C
            {
                bool Accepted(int smtpReplyCode) => smtpReplyCode == SmtpReplyCodes.Ok;
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task CodeWithoutLibraryMember_KeepsCastAndUsesSmtpReplyCodes()
    {
        // System.Net.Mail has no member for 535.
        var test = VerifyCS.FixTest("""
            using System.Net.Mail;

            class C
            {
                bool BadPassword(SmtpException ex) => (int)ex.StatusCode == {|SMTP001:535|};
            }
            """, """
            using System.Net.Mail;
            using TestProject;

            class C
            {
                bool BadPassword(SmtpException ex) => (int)ex.StatusCode == SmtpReplyCodes.AuthenticationInvalidCredentials;
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task MixedSwitch_KeepsCastAndUsesSmtpReplyCodesForEveryLabel()
    {
        var test = VerifyCS.FixTest("""
            using System.Net.Mail;

            class C
            {
                string M(SmtpException ex) => (int)ex.StatusCode switch
                {
                    {|SMTP001:250|} => "ok",
                    {|SMTP001:535|} => "bad password",
                    _ => "other",
                };
            }
            """, """
            using System.Net.Mail;
            using TestProject;

            class C
            {
                string M(SmtpException ex) => (int)ex.StatusCode switch
                {
                    SmtpReplyCodes.Ok => "ok",
                    SmtpReplyCodes.AuthenticationInvalidCredentials => "bad password",
                    _ => "other",
                };
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task GenerationOff_FixAllAcrossTwoDocuments_AddsTheFileOnce()
    {
        var test = VerifyCS.FixTest("""
            class A
            {
                bool Ok(int smtpStatus) => smtpStatus == {|SMTP001:250|};
            }
            """, """
            using TestProject;

            class A
            {
                bool Ok(int smtpStatus) => smtpStatus == SmtpReplyCodes.Ok;
            }
            """);
        test.TestState.Sources.Add(("/0/Test1.cs", """
            class B
            {
                bool Busy(int smtpStatus) => smtpStatus == {|SMTP001:421|} || smtpStatus == {|SMTP001:450|};
            }
            """));
        test.FixedState.Sources.Add(("/0/Test1.cs", """
            using TestProject;

            class B
            {
                bool Busy(int smtpStatus) => smtpStatus == SmtpReplyCodes.ServiceNotAvailable || smtpStatus == SmtpReplyCodes.MailboxBusy;
            }
            """));
        test.WithAddedReplyCodesFile();
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfIncrementalIterations = 3;
        await test.RunAsync();
    }

    [Fact]
    public async Task ExistingSmtpReplyCodesClass_IsUsedAndNoFileIsAdded()
    {
        const string Existing = """
            namespace Mail.Constants
            {
                internal static class SmtpReplyCodes
                {
                    public const int Ok = 250;
                }
            }
            """;
        var test = VerifyCS.FixTest("""
            class C
            {
                bool Ok(int smtpStatus) => smtpStatus == {|SMTP001:250|};
            }
            """, """
            using Mail.Constants;

            class C
            {
                bool Ok(int smtpStatus) => smtpStatus == SmtpReplyCodes.Ok;
            }
            """);
        test.TestState.Sources.Add(("/0/Constants.cs", Existing));
        test.FixedState.Sources.Add(("/0/Constants.cs", Existing));
        await test.RunAsync();
    }

    [Fact]
    public Task ExistingClassWithoutTheConstant_OffersNoFix() => VerifyCS.FixTest("""
        namespace Mail
        {
            internal static class SmtpReplyCodes
            {
                public const int Ok = 250;
            }

            class C
            {
                bool Busy(int smtpStatus) => smtpStatus == {|SMTP001:421|};
            }
        }
        """, """
        namespace Mail
        {
            internal static class SmtpReplyCodes
            {
                public const int Ok = 250;
            }

            class C
            {
                bool Busy(int smtpStatus) => smtpStatus == {|SMTP001:421|};
            }
        }
        """).RunAsync();

    [Fact]
    public Task TriviaIsKept() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) =>
                (int)ex.StatusCode /* status */ == /* busy */ {|SMTP001:421|} // retry later
                ;
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) =>
                ex.StatusCode /* status */ == /* busy */ SmtpStatusCode.ServiceNotAvailable // retry later
                ;
        }
        """);
}
