using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmtpAnalyzers.Generators;
using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.ReplyCodeTextAnalyzer, SmtpAnalyzers.CodeFixes.ReplyCodeTextFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>The SMTP002 fix: the output must be exactly this, and the test harness compiles it.</summary>
public class ReplyCodeTextFixerTests
{
    [Fact]
    public Task MailKitMessageStartsWith_BecomesStatusCodeComparison() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.Message.StartsWith({|SMTP002:"421"|});
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable;
        }
        """);

    [Fact]
    public Task CatalogOption_ComparesTheIntStatusWithSmtpReplyCodes() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) => ex.Message.StartsWith({|SMTP002:"421"|});
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
    public Task NegationsKeepTheirMeaning() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool NotBusy(SmtpCommandException ex) => !ex.Message.StartsWith({|SMTP002:"421"|});

            bool NotOk(SmtpResponse response) => response.Response != {|SMTP002:"250"|};
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool NotBusy(SmtpCommandException ex) => !(ex.StatusCode == SmtpStatusCode.ServiceNotAvailable);

            bool NotOk(SmtpResponse response) => response.StatusCode != SmtpStatusCode.Ok;
        }
        """);

    [Fact]
    public Task SystemNetMailInCatchFilter_UsesItsEnum() => VerifyCS.FixAsync("""
        using System;
        using System.Net.Mail;

        class C
        {
            void Send(SmtpClient client, MailMessage message)
            {
                try
                {
                    client.Send(message);
                }
                catch (SmtpException ex) when (ex.Message.Contains({|SMTP002:"552"|}, StringComparison.Ordinal))
                {
                }
            }
        }
        """, """
        using System;
        using System.Net.Mail;

        class C
        {
            void Send(SmtpClient client, MailMessage message)
            {
                try
                {
                    client.Send(message);
                }
                catch (SmtpException ex) when (ex.StatusCode == SmtpStatusCode.ExceededStorageAllocation)
                {
                }
            }
        }
        """);

    [Fact]
    public Task BothEnumsInScope_QualifiesTheName() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;
        using System.Net.Mail;

        class C
        {
            bool Busy(SmtpCommandException ex) => {|SMTP002:"421"|}.Equals(ex.Message);
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
    public async Task CodeWithoutLibraryMember_ComparesTheIntStatusWithSmtpReplyCodes()
    {
        // System.Net.Mail has no member for 535.
        var test = VerifyCS.FixTest("""
            using System.Net.Mail;

            class C
            {
                bool BadPassword(SmtpException ex) => ex.Message.StartsWith({|SMTP002:"535 "|});
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
    public async Task ReplyTextWithoutStatus_UsesTheGeneratedReplyLineHelper()
    {
        var test = VerifyCS.FixTest("""
            class C
            {
                bool ReadyForData(string smtpResponse)
                {
                    var line = smtpResponse;
                    return line.Substring(0, 3) == {|SMTP002:"354"|} && !smtpResponse.StartsWith({|SMTP002:"421"|});
                }
            }
            """, """
            using TestProject;

            class C
            {
                bool ReadyForData(string smtpResponse)
                {
                    var line = smtpResponse;
                    return SmtpReplyCodes.Is(line, SmtpReplyCodes.StartMailInput) && !SmtpReplyCodes.Is(smtpResponse, SmtpReplyCodes.ServiceNotAvailable);
                }
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAllAcrossTwoDocuments_UsesTheGeneratedHelpersAndAddsNoFile()
    {
        var test = VerifyCS.FixTest("""
            using MailKit.Net.Smtp;

            class A
            {
                bool Busy(SmtpCommandException ex) => ex.Message.StartsWith({|SMTP002:"421"|}) || ex.Message.StartsWith({|SMTP002:"450"|});
            }
            """, """
            using MailKit.Net.Smtp;

            class A
            {
                bool Busy(SmtpCommandException ex) => ex.StatusCode == SmtpStatusCode.ServiceNotAvailable || ex.StatusCode == SmtpStatusCode.MailboxBusy;
            }
            """);
        test.TestState.Sources.Add(("/0/Test1.cs", """
            class B
            {
                bool Ok(string smtpReply) => smtpReply == {|SMTP002:"250"|};

                bool Rejected(string lastSmtpResponse) => lastSmtpResponse != {|SMTP002:"550"|};
            }
            """));
        test.FixedState.Sources.Add(("/0/Test1.cs", """
            using TestProject;

            class B
            {
                bool Ok(string smtpReply) => SmtpReplyCodes.Is(smtpReply, SmtpReplyCodes.Ok);

                bool Rejected(string lastSmtpResponse) => !SmtpReplyCodes.Is(lastSmtpResponse, SmtpReplyCodes.MailboxUnavailable);
            }
            """));
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfIncrementalIterations = 4;
        await test.RunAsync();
    }

    [Fact]
    public Task IndexOfAndLiteralsThatSayMoreThanTheCode_OfferNoFix()
    {
        const string Source = """
            using MailKit.Net.Smtp;

            class C
            {
                bool M(SmtpCommandException ex, string smtpReply) =>
                    ex.Message.IndexOf({|SMTP002:"550"|}) == 0 || smtpReply.StartsWith({|SMTP002:"250-"|})
                    || smtpReply.StartsWith({|SMTP002:"550 5.1.1"|});
            }
            """;
        return VerifyCS.FixAsync(Source, Source);
    }

    [Fact]
    public Task ExistingSmtpReplyCodesWithoutTheHelper_OffersNoFix()
    {
        const string Source = """
            namespace Mail
            {
                internal static class SmtpReplyCodes
                {
                    public const int Ok = 250;
                }

                class C
                {
                    bool Ok(string smtpReply) => smtpReply.StartsWith({|SMTP002:"250"|});
                }
            }
            """;
        return VerifyCS.FixAsync(Source, Source);
    }

    [Fact]
    public Task TriviaIsKept() => VerifyCS.FixAsync("""
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) =>
                /* busy? */ ex.Message.StartsWith({|SMTP002:"421"|}) // retry later
                ;
        }
        """, """
        using MailKit.Net.Smtp;

        class C
        {
            bool Busy(SmtpCommandException ex) =>
                /* busy? */ ex.StatusCode == SmtpStatusCode.ServiceNotAvailable // retry later
                ;
        }
        """);

    [Theory]
    [InlineData("421", 421, true)]
    [InlineData("421 4.3.2 Try again later", 421, true)]
    [InlineData("250-PIPELINING", 250, true)]
    [InlineData("4210", 421, false)]
    [InlineData("42", 42, false)]
    [InlineData("550 Mailbox unavailable", 421, false)]
    [InlineData("-21 x", -21, false)]
    [InlineData("", 421, false)]
    [InlineData(null, 421, false)]
    public async Task GeneratedReplyLineHelper_ParsesTheLeadingCode(string? reply, int code, bool expected)
    {
        var references = await TestReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            "Generated",
            [CSharpSyntaxTree.ParseText(HelperFile.ReplyCodes.Generate(new HelperText("Mail", generated: true)))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        var helpers = System.Reflection.Assembly.Load(stream.ToArray()).GetType("Mail.SmtpReplyCodes")!;
        Assert.Equal(expected, helpers.GetMethod(ReplyCodesFile.ReplyLineTest)!.Invoke(null, [reply, code]));
    }
}
