using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SmtpAnalyzers.RuntimeProof;

/// <summary>The scripted server answers each fault as a real server would, as MailKit sees it: the proof rests on that.</summary>
public class ScriptedSmtpServerTests
{
    public static TheoryData<string, string> FaultsAndWhatMailKitThrows() => new()
    {
        { "421 greeting, once", typeof(SmtpCommandException).FullName! },
        { "421 at MAIL, once", typeof(SmtpCommandException).FullName! },
        { "451 at RCPT, once", typeof(SmtpCommandException).FullName! },
        { "452 at DATA, once", typeof(SmtpCommandException).FullName! },
        { "454 at AUTH, first session", typeof(AuthenticationException).FullName! },
        { "550 at the second RCPT (partial refusal), always", typeof(SmtpCommandException).FullName! },
        { "connection dropped after DATA, once", typeof(SmtpProtocolException).FullName! },
    };

    [Theory]
    [MemberData(nameof(FaultsAndWhatMailKitThrows))]
    public void AFaultFailsTheFirstSendAndDeliversNothing(string faultName, string thrown)
    {
        using var server = new ScriptedSmtpServer(Proof.Faults.Single(fault => fault.Name == faultName));
        var failure = Record.Exception(() => Send(server));
        Assert.Equal(thrown, failure?.GetType().FullName);
        Assert.Empty(server.Deliveries);
        Assert.True(server.FaultsFired >= 1);
    }

    [Fact]
    public void AFaultLimitedToOneTimeLetsTheNextSessionThrough()
    {
        using var server = new ScriptedSmtpServer(Proof.Faults.Single(fault => fault.Name == "421 at MAIL, once"));
        Assert.Throws<SmtpCommandException>(() => Send(server));
        Send(server);
        Assert.Equal(1, server.Deliveries[Proof.First]);
        Assert.Equal(1, server.Deliveries[Proof.Second]);
    }

    [Fact]
    public void A421ClosesTheSession()
    {
        using var server = new ScriptedSmtpServer(Proof.Faults.Single(fault => fault.Name == "421 at MAIL, once"));
        using var smtp = new SmtpClient();
        smtp.Connect(server.Host, server.Port, SecureSocketOptions.None);
        Assert.Throws<SmtpCommandException>(() => smtp.Send(Message()));
        Assert.False(smtp.IsConnected);
    }

    private static void Send(ScriptedSmtpServer server)
    {
        using var smtp = new SmtpClient();
        smtp.Connect(server.Host, server.Port, SecureSocketOptions.None);
        smtp.Authenticate("user", "secret");
        smtp.Send(Message());
        smtp.Disconnect(true);
    }

    private static MimeMessage Message()
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("app@example.test"));
        message.To.Add(MailboxAddress.Parse(Proof.First));
        message.To.Add(MailboxAddress.Parse(Proof.Second));
        message.Subject = "Test";
        message.Body = new TextPart("plain") { Text = "Hello" };
        return message;
    }
}
