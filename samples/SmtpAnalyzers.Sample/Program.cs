// SmtpAnalyzers sample. Build it to see the SMTPxxx warnings:
//
//   dotnet build samples/SmtpAnalyzers.Sample
//
// Running it sends nothing unless the first argument is --send (and then it talks to the
// server in SmtpSettings.Example, which does not exist).
using MimeKit;
using SmtpAnalyzers.Sample;

if (!(args.Length > 0 && args[0] == "--send"))
{
    Console.WriteLine("Build this project to see the SmtpAnalyzers warnings; pass --send to really send mail.");
    return 0;
}

var settings = SmtpSettings.Example;
var message = new MimeMessage();
message.From.Add(MailboxAddress.Parse(settings.From));
message.To.Add(MailboxAddress.Parse("someone@example.com"));
message.Subject = "Hello from the SmtpAnalyzers sample";
message.Body = new TextPart("plain") { Text = "Sent with MailKit." };

var sender = new MailKitSender(settings);
var sent = await sender.TrySendAsync(message);
Console.WriteLine(sent ? "MailKit: sent." : "MailKit: not sent.");

var notifier = new SystemNetMailNotifier(settings);
var notified = await notifier.NotifyAsync("someone@example.com", "Hello", "Sent with System.Net.Mail.");
Console.WriteLine(notified ? "System.Net.Mail: sent." : "System.Net.Mail: not sent.");

using var http = new HttpClient();
var relayUp = await new RelayHealthCheck(http).IsSmtpRelayUpAsync(new Uri("https://status.example.com/smtp"));
Console.WriteLine(relayUp ? "Relay is up." : "Relay is down.");
return sent && notified ? 0 : 1;
