using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpAnalyzers.Tests.Robustness;

/// <summary>
/// No analyzer throws (no AD0001) and no fix throws or adds a compiler error, on code as it is while
/// being typed: every sampled prefix of the sample's files, files with syntax errors, missing
/// references and huge methods. Analysis runs concurrently, as in the IDE.
/// </summary>
public class RobustnessTests
{
    private const int PrefixesPerFile = 40;

    private static readonly string[] SamplePaths =
        Directory.GetFiles(RepositoryFiles.PathOf("samples/SmtpAnalyzers.Sample"), "*.cs").Order().ToArray();

    public static TheoryData<string> SampleFiles() => new(SamplePaths.Select(path => Path.GetFileName(path)));

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task EveryPrefixWhileTyping_NoAnalyzerThrows(string file)
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("samples/SmtpAnalyzers.Sample/" + file));
        var exceptions = new List<string>();
        for (var i = 1; i <= PrefixesPerFile; i++)
        {
            var prefix = text[..(text.Length * i / PrefixesPerFile)];
            var (_, thrown) = await AllRules.AnalyzeAsync(AllRules.Compile([CSharpSyntaxTree.ParseText(prefix)]));
            exceptions.AddRange(thrown.Select(e => $"prefix {prefix.Length}: {e}"));
        }

        Assert.Empty(exceptions);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task EveryFixOnTheSample_NeitherThrowsNorAddsErrors(string file)
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("samples/SmtpAnalyzers.Sample/" + file));
        Assert.Empty(await AllRules.ApplyEveryFixAsync(text));
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task TokensDeleted_NoAnalyzerThrowsAndNoFixBreaksMore(string file)
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("samples/SmtpAnalyzers.Sample/" + file));
        var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().ToList();
        var random = new Random(file.Length);
        for (var round = 0; round < 5; round++)
        {
            var broken = new StringBuilder(text);
            foreach (var token in tokens.Where(_ => random.Next(25) == 0).OrderByDescending(token => token.SpanStart))
            {
                broken.Remove(token.SpanStart, token.Span.Length);
            }

            var (_, thrown) = await AllRules.AnalyzeAsync(AllRules.Compile([CSharpSyntaxTree.ParseText(broken.ToString())]));
            Assert.Empty(thrown);
            Assert.Empty(await AllRules.ApplyEveryFixAsync(broken.ToString()));
        }
    }

    [Fact]
    public async Task MissingReferences_NoAnalyzerThrows()
    {
        var trees = SamplePaths.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path)));
        var (_, thrown) = await AllRules.AnalyzeAsync(AllRules.Compile(trees, withLibraries: false));
        Assert.Empty(thrown);
    }

    [Fact]
    public async Task HugeMethod_NoAnalyzerThrowsAndEveryComparisonIsReported()
    {
        var source = new StringBuilder("using MailKit.Net.Smtp;\nclass Huge\n{\n    int M(SmtpCommandException ex, int smtpStatus)\n    {\n        int n = 0;\n");
        for (var i = 0; i < 2000; i++)
        {
            source.Append("        if ((int)ex.StatusCode == 421 || smtpStatus == 550) n++;\n");
        }

        source.Append("        return n;\n    }\n}\n");
        var (diagnostics, thrown) = await AllRules.AnalyzeAsync(AllRules.Compile([CSharpSyntaxTree.ParseText(source.ToString())]));

        Assert.Empty(thrown);
        Assert.Equal(4000, diagnostics.Count(d => d.Id == RuleIds.MagicReplyCode));
    }

    [Theory]
    [InlineData("class C { bool M(MailKit.Net.Smtp.SmtpCommandException ex) => (int)ex.StatusCode == ; }")]
    [InlineData("class C { bool M(MailKit.Net.Smtp.SmtpCommandException ex) => (int)ex. == 421; }")]
    [InlineData("class C { bool M(int smtpStatus) => smtpStatus switch { 421 => , _ => false }; }")]
    [InlineData("class C { void M(int smtpStatus) { switch (smtpStatus) { case 421 case 450: break; } } }")]
    [InlineData("class C { const int SmtpOk = (MailKit.Net.Smtp.SmtpStatusCode)250; bool M(int smtpCode) => smtpCode is 250 or; }")]
    [InlineData("using S = MailKit.Net.Smtp.SmtpStatusCode; class C { bool M(UnknownType smtpStatus) => smtpStatus == 421 || (S)999999 == 0; }")]
    [InlineData("class C { bool M(int smtpStatus) => smtpStatus == 2147483648 || smtpStatus == 0x1A5 || smtpStatus == 4_21; }")]
    [InlineData("class C { void M(MailKit.Net.Smtp.SmtpClient s, MimeKit.MimeMessage m) { while ( { try { s.Send(m); } catch (MailKit.Net.Smtp.SmtpCommandException) { } } } }")]
    [InlineData("class C { void M(MailKit.Net.Smtp.SmtpClient s, MimeKit.MimeMessage m) { for (;; { try { s.Send(m) } catch (MailKit.Net.Smtp.SmtpProtocolException) { s.Connect(, 25); } } }")]
    public async Task MalformedSnippets_NoAnalyzerThrowsAndNoFixBreaksMore(string source)
    {
        var (_, thrown) = await AllRules.AnalyzeAsync(AllRules.Compile([CSharpSyntaxTree.ParseText(source)]));
        Assert.Empty(thrown);
        Assert.Empty(await AllRules.ApplyEveryFixAsync(source));
    }
}
