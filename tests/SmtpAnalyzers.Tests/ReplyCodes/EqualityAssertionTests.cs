using VerifyCS = SmtpAnalyzers.Tests.Verify<SmtpAnalyzers.ReplyCodes.MagicReplyCodeAnalyzer, SmtpAnalyzers.CodeFixes.MagicReplyCodeFixer>;

namespace SmtpAnalyzers.Tests.ReplyCodes;

/// <summary>
/// SMTP001 and SMTP003 in the equality assertions of xunit, NUnit, MSTest and FluentAssertions, which compare as
/// <c>==</c> does; the real assertion libraries are referenced. The fixes' output is compiled by the harness.
/// </summary>
public class EqualityAssertionTests
{
    private static Task AnalyzeAsync(string source) => VerifyCS.AnalyzerTest(source).WithTestFrameworks().RunAsync();

    private static Task FixAsync(string source, string fixedSource) => VerifyCS.FixTest(source, fixedSource).WithTestFrameworks().RunAsync();

    [Fact]
    public Task XunitEqualAndNotEqual_ReportLikeEquality() => AnalyzeAsync("""
        using MailKit.Net.Smtp;
        using Xunit;

        class Tests
        {
            void Greylisted(SmtpCommandException ex)
            {
                Assert.Equal({|SMTP001:451|}, (int)ex.StatusCode);
                Assert.NotEqual((int)ex.StatusCode, {|SMTP001:250|});
                Assert.Equal({|SMTP003:405|}, (int)ex.StatusCode);
            }

            void Named(int smtpStatus, int lastSmtpReplyCode)
            {
                Assert.Equal({|SMTP001:250|}, smtpStatus);
                Assert.Equal(lastSmtpReplyCode, {|SMTP003:200|});
            }
        }
        """);

    [Fact]
    public Task NUnitConstraintsAndClassicAssert_ReportLikeEquality() => AnalyzeAsync("""
        using MailKit.Net.Smtp;
        using NUnit.Framework;
        using NUnit.Framework.Legacy;

        class Tests
        {
            void Sent(SmtpResponse r)
            {
                Assert.That((int)r.StatusCode, Is.EqualTo({|SMTP001:250|}));
                Assert.That((int)r.StatusCode, Is.Not.EqualTo({|SMTP001:550|}), "refused");
                ClassicAssert.AreEqual({|SMTP001:250|}, (int)r.StatusCode);
                ClassicAssert.AreNotEqual((int)r.StatusCode, {|SMTP003:5501|});
            }
        }
        """);

    // NUnit 3's Assert.AreEqual, declared here with the same full name: NUnit 4 moved it to ClassicAssert.
    [Fact]
    public Task NUnit3AssertAreEqual_Reports() => VerifyCS.AnalyzerAsync("""
        using System.Net.Mail;
        using NUnit.Framework;

        class Tests
        {
            void Refused(SmtpException ex) => Assert.AreEqual({|SMTP001:550|}, (int)ex.StatusCode);
        }

        namespace NUnit.Framework
        {
            public static class Assert
            {
                public static void AreEqual(object expected, object actual) { }
            }
        }
        """);

    [Fact]
    public Task MSTestAreEqual_ReportsLikeEquality() => AnalyzeAsync("""
        using System.Net.Mail;
        using Microsoft.VisualStudio.TestTools.UnitTesting;

        class Tests
        {
            void Refused(SmtpException ex)
            {
                Assert.AreEqual({|SMTP001:550|}, (int)ex.StatusCode);
                Assert.AreNotEqual((int)ex.StatusCode, {|SMTP001:421|});
            }
        }
        """);

    [Fact]
    public Task FluentAssertionsShouldBe_ReportsLikeEquality() => AnalyzeAsync("""
        using FluentAssertions;
        using MailKit.Net.Smtp;

        class Tests
        {
            void Busy(SmtpCommandException ex, int smtpStatus)
            {
                ((int)ex.StatusCode).Should().Be({|SMTP001:421|});
                smtpStatus.Should().NotBe({|SMTP001:550|}, "the mailbox exists");
                ((int)ex.StatusCode).Should().Be({|SMTP003:404|});
            }
        }
        """);

    // Near misses: the same assertions about HTTP statuses, counts, ports and sizes; relational constraints
    // (SMTP004's); and a type of the project that is merely named Assert.
    [Fact]
    public Task AssertionsOfOtherValues_NoDiagnostic() => AnalyzeAsync("""
        using System.Collections.Generic;
        using System.Net.Http;
        using FluentAssertions;
        using MailKit.Net.Smtp;
        using NUnit.Framework;
        using Xunit;
        using XAssert = Xunit.Assert;
        using NAssert = NUnit.Framework.Assert;
        using MAssert = Microsoft.VisualStudio.TestTools.UnitTesting.Assert;

        class Tests
        {
            void Others(HttpResponseMessage response, List<string> list, int port, long maxSize, SmtpCommandException ex)
            {
                XAssert.Equal(200, (int)response.StatusCode);
                XAssert.Equal(250, list.Count);
                XAssert.Equal(587, port);
                NAssert.That(list.Count, Is.EqualTo(250));
                NAssert.That((int)response.StatusCode, Is.EqualTo(404));
                NAssert.That((int)ex.StatusCode, Is.GreaterThan(399));
                MAssert.AreEqual(550, list.Count);
                maxSize.Should().Be(550);
                ((int)response.StatusCode).Should().Be(503);
                Local.Assert.Equal(421, (int)ex.StatusCode);
            }
        }

        namespace Local
        {
            static class Assert
            {
                public static void Equal(int expected, int actual) { }
            }
        }
        """);

    [Fact]
    public Task XunitEqual_FixUsesTheEnumMemberAndDropsTheCast() => FixAsync("""
        using MailKit.Net.Smtp;
        using Xunit;

        class Tests
        {
            void Greylisted(SmtpCommandException ex)
            {
                Assert.Equal({|SMTP001:451|}, (int)ex.StatusCode);
                Assert.NotEqual((int)ex.StatusCode, {|SMTP001:250|});
            }
        }
        """, """
        using MailKit.Net.Smtp;
        using Xunit;

        class Tests
        {
            void Greylisted(SmtpCommandException ex)
            {
                Assert.Equal(SmtpStatusCode.ErrorInProcessing, ex.StatusCode);
                Assert.NotEqual(ex.StatusCode, SmtpStatusCode.Ok);
            }
        }
        """);

    [Fact]
    public Task NUnitAndMSTest_FixUsesTheEnumMemberAndDropsTheCast() => FixAsync("""
        using MailKit.Net.Smtp;
        using NUnit.Framework;
        using NUnit.Framework.Legacy;
        using MAssert = Microsoft.VisualStudio.TestTools.UnitTesting.Assert;

        class Tests
        {
            void Sent(SmtpResponse r)
            {
                Assert.That((int)r.StatusCode, Is.EqualTo({|SMTP001:250|}));
                ClassicAssert.AreEqual({|SMTP001:250|}, (int)r.StatusCode);
                MAssert.AreEqual({|SMTP001:421|}, (int)r.StatusCode);
            }
        }
        """, """
        using MailKit.Net.Smtp;
        using NUnit.Framework;
        using NUnit.Framework.Legacy;
        using MAssert = Microsoft.VisualStudio.TestTools.UnitTesting.Assert;

        class Tests
        {
            void Sent(SmtpResponse r)
            {
                Assert.That(r.StatusCode, Is.EqualTo(SmtpStatusCode.Ok));
                ClassicAssert.AreEqual(SmtpStatusCode.Ok, r.StatusCode);
                MAssert.AreEqual(SmtpStatusCode.ServiceNotAvailable, r.StatusCode);
            }
        }
        """);

    [Fact]
    public Task FluentAssertions_FixDropsTheCastAndItsParentheses() => FixAsync("""
        using System.Net.Mail;
        using FluentAssertions;

        class Tests
        {
            void Refused(SmtpException ex) => ((int)ex.StatusCode).Should().Be({|SMTP001:550|});
        }
        """, """
        using System.Net.Mail;
        using FluentAssertions;

        class Tests
        {
            void Refused(SmtpException ex) => ex.StatusCode.Should().Be(SmtpStatusCode.MailboxUnavailable);
        }
        """);

    // With the type argument written, the status keeps its int cast: the fix names the int constant instead.
    [Fact]
    public Task ExplicitTypeArgument_FixKeepsTheCastAndUsesSmtpReplyCodes() => VerifyCS.FixTest("""
        using MailKit.Net.Smtp;
        using Xunit;

        class Tests
        {
            void Sent(SmtpResponse r) => Assert.Equal<int>({|SMTP001:250|}, (int)r.StatusCode);
        }
        """, """
        using MailKit.Net.Smtp;
        using TestProject;
        using Xunit;

        class Tests
        {
            void Sent(SmtpResponse r) => Assert.Equal<int>(SmtpReplyCodes.Ok, (int)r.StatusCode);
        }
        """).WithTestFrameworks().WithGeneratedReplyCodesFile().RunAsync();
}
