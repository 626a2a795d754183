using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.Tests.Failures;

/// <summary>What the failure model says each helper does with the code it is handed (<see cref="RetryHelpers"/>), method by method.</summary>
public class RetryHelpersTests
{
    private const string Helpers = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MailKit.Net.Smtp;
        using Polly;

        static class Helpers
        {
            private static readonly IAsyncPolicy Policy = Polly.Policy.Handle<SmtpCommandException>().RetryAsync(2);
            private static Func<Task>? stored;

            public static async Task EveryException(Func<Task> work)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { await work(); return; }
                    catch (Exception ex) when (attempt < 3) { Console.WriteLine(ex.Message); await Task.Delay(100); }
                }
            }

            public static void Bare(Action work)
            {
                var attempt = 0;
                while (true)
                {
                    try { work.Invoke(); return; }
                    catch when (++attempt < 3) { }
                }
            }

            public static async Task TestsTheException(Func<Task> work)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { await work(); return; }
                    catch (Exception ex) when (attempt < 3 && ex is SmtpCommandException) { await Task.Delay(100); }
                }
            }

            public static async Task OnlyItsOwnType(Func<Task> work)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try { await work(); return; }
                    catch (SmtpProtocolException) when (attempt < 3) { await Task.Delay(100); }
                }
            }

            public static Task Once(Func<Task> work) => work();

            public static async Task PerItem(Func<Task> work, List<string> items)
            {
                foreach (var item in items)
                {
                    try { await work(); }
                    catch (Exception) { Console.WriteLine(item); }
                }
            }

            public static Task ToPolly(Func<Task> work) => Policy.ExecuteAsync(work);

            public static async Task Recursive(Func<Task> work, int attempts)
            {
                try { await work(); }
                catch (Exception) when (attempts > 1) { await Recursive(work, attempts - 1); }
            }

            public static void Stores(Func<Task> work) => stored = work;

            public static int NoDelegate(int value) => value;
        }
        """;

    [Theory]
    [InlineData("EveryException", "RetriesEveryException")]
    [InlineData("Bare", "RetriesEveryException")]
    [InlineData("TestsTheException", "Retries")]
    [InlineData("OnlyItsOwnType", "Retries")]
    [InlineData("Once", "RunsOnce")]
    [InlineData("PerItem", "RunsOnce")]
    [InlineData("ToPolly", "Retries")]
    [InlineData("Recursive", "Unknown")]
    [InlineData("Stores", "Unknown")]
    [InlineData("NoDelegate", "Unknown")]
    public void Verdict(string helper, string expected)
    {
        var compilation = AllRules.Compile([CSharpSyntaxTree.ParseText(Helpers)]);
        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        var method = compilation.GetTypeByMetadataName("Helpers")!.GetMembers(helper).OfType<IMethodSymbol>().Single();

        Assert.Equal(Enum.Parse<RetryHelperVerdict>(expected), RetryHelpers.Of(method, compilation, SmtpSymbols.For(compilation), CancellationToken.None));
    }

    [Fact]
    public void LibraryMethod_IsUnknown_SoItsNameDecides()
    {
        var compilation = AllRules.Compile([CSharpSyntaxTree.ParseText(Helpers)]);
        var execute = compilation.GetTypeByMetadataName("Polly.IAsyncPolicy")!.GetMembers("ExecuteAsync").OfType<IMethodSymbol>().First();

        Assert.Equal(RetryHelperVerdict.Unknown, RetryHelpers.Of(execute, compilation, SmtpSymbols.For(compilation), CancellationToken.None));
    }
}
