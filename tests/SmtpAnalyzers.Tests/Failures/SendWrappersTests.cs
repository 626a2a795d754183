using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.Tests.Failures;

/// <summary>Which calls the failure model takes for sends one or two calls away (<see cref="SendWrappers"/>), and where it finds them called.</summary>
public class SendWrappersTests
{
    private const string Source = """
        using System;
        using System.Net.Mail;
        using System.Threading.Tasks;
        using MimeKit;
        using MailKitClient = MailKit.Net.Smtp.SmtpClient;

        public interface IEmailSender
        {
            Task SendEmailAsync(MimeMessage message);
        }

        public class MailKitSender : IEmailSender
        {
            public virtual async Task SendEmailAsync(MimeMessage message)
            {
                using var smtp = new MailKitClient();
                await smtp.ConnectAsync("smtp.example.com", 587);
                await smtp.SendAsync(message);
            }
        }

        public sealed class Notifier(IEmailSender sender, SmtpClient netMail)
        {
            public Task SendWelcomeAsync(MimeMessage message) => sender.SendEmailAsync(message);

            public void SendReceipt(MailMessage message) => netMail.Send(message);

            public void SendHandled(MailMessage message)
            {
                try { netMail.Send(message); } catch (SmtpException) { }
            }

            public async Task SendRetried(MimeMessage message)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try { await sender.SendEmailAsync(message); return; }
                    catch (Exception) when (attempt < 3) { await Task.Delay(2000); }
                }
            }

            public Task NotifyAsync(MimeMessage message) => sender.SendEmailAsync(message);

            public async Task Caller(MimeMessage message, MailMessage receipt)
            {
                await SendWelcomeAsync(message);
                SendReceipt(receipt);
                SendHandled(receipt);
                await SendRetried(message);
                await NotifyAsync(message);
            }
        }
        """;

    [Theory]
    [InlineData("SendEmailAsync", "MailKit")]
    [InlineData("SendWelcomeAsync", "MailKit")]
    [InlineData("SendReceipt", "SystemNetMail")]
    [InlineData("SendHandled", "None")]
    [InlineData("SendRetried", "None")]
    [InlineData("NotifyAsync", "None")]
    public void CallOf(string called, string library)
    {
        var (_, model, wrappers) = Analyze();
        var call = model.SyntaxTree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .First(invocation => Sends.InvokedName(invocation) == called && invocation.Ancestors().OfType<MethodDeclarationSyntax>().First().Identifier.ValueText is "Caller" or "SendWelcomeAsync" or "SendRetried");

        Assert.Equal(Enum.Parse<StatusLibrary>(library), wrappers.LibraryOf(call, model, CancellationToken.None));
    }

    /// <summary>
    /// The implementation is called through its interface, from SendWelcomeAsync, SendRetried and NotifyAsync; the
    /// System.Net.Mail wrapper once; a method that handles its failures is no wrapper.
    /// </summary>
    [Fact]
    public void CallsOf_AnImplementation_AreTheCallsOfItsInterfaceMethod()
    {
        var (compilation, _, wrappers) = Analyze();
        var implementation = compilation.GetTypeByMetadataName("MailKitSender")!.GetMembers("SendEmailAsync").OfType<IMethodSymbol>().Single();
        var notifier = compilation.GetTypeByMetadataName("Notifier")!;

        Assert.Equal(3, wrappers.CallsOf(implementation)!.Count);
        Assert.Single(wrappers.CallsOf(notifier.GetMembers("SendReceipt").OfType<IMethodSymbol>().Single())!);
        Assert.Null(wrappers.CallsOf(notifier.GetMembers("SendHandled").OfType<IMethodSymbol>().Single()));
    }

    private static (Compilation Compilation, SemanticModel Model, SendWrappers Wrappers) Analyze()
    {
        var compilation = AllRules.Compile([CSharpSyntaxTree.ParseText(Source)]);
        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single());
        return (compilation, model, SendWrappers.For(compilation, SmtpSymbols.For(compilation)));
    }
}
