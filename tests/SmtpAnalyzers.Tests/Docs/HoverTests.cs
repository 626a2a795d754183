using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.QuickInfo;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.CodeFixes;
using SmtpAnalyzers.ReplyCodes;
using SmtpAnalyzers.Testing;
using SmtpAnalyzers.Tests.Generators;

namespace SmtpAnalyzers.Tests.Docs;

/// <summary>
/// What a user sees on hover after applying the SMTP001 fix, asked of the IDE's own QuickInfoService
/// (Microsoft.CodeAnalysis.CSharp.Features) in a workspace that runs the package's generator: the catalog text of
/// the generated constant the fix inserted, of <c>SmtpFailures.IsTransient</c>, and, where the fix writes a library
/// enum member, the library's own doc unless <c>smtp_analyzers.reply_code_constants = catalog</c>.
/// </summary>
public class HoverTests
{
    [Theory]
    [InlineData(250)]
    [InlineData(421)]
    [InlineData(535)]
    public async Task HoverOverInsertedConstant_ShowsCatalogDescriptionAndAdvice(int value)
    {
        var code = ReplyCatalog.Find(value)!;
        using var workspace = new AdhocWorkspace();
        var document = await AddProjectAsync(workspace, $$"""
            namespace Mailer
            {
                class Sender
                {
                    bool Check(int smtpStatus) => smtpStatus == {{value}};
                }
            }
            """);

        var fixedSolution = await ApplyFixAsync(document);
        Assert.Equal(document.Project.DocumentIds, fixedSolution.GetProject(document.Project.Id)!.DocumentIds);
        var hover = await HoverAsync(fixedSolution.GetDocument(document.Id)!, "SmtpReplyCodes." + code.Name);

        Assert.Contains("SmtpReplyCodes." + code.Name + " = " + value, hover);
        Assert.Contains(code.Description, hover);
        Assert.Contains(code.RetryAdvice, hover);
    }

    [Fact]
    public async Task HoverOverSmtpFailuresIsTransient_ShowsWhatCountsAsTransient()
    {
        using var workspace = new AdhocWorkspace();
        var document = await AddProjectAsync(workspace, """
            namespace Mailer
            {
                class Sender
                {
                    bool Retry(System.Exception ex) => SmtpFailures.IsTransient(ex);
                }
            }
            """);

        var hover = await HoverAsync(document, "SmtpFailures.IsTransient");

        Assert.Contains("bool SmtpFailures.IsTransient(System.Exception ex)", hover);
        Assert.Contains("a bounded retry with backoff", hover);
        Assert.Contains("SmtpCommandException", hover);
        Assert.Contains("SmtpFailedRecipientException", hover);
    }

    [Theory]
    [InlineData(null, "SmtpStatusCode.ServiceNotAvailable", false)]
    [InlineData("library", "SmtpStatusCode.ServiceNotAvailable", false)]
    [InlineData("catalog", "(int)ex.StatusCode == SmtpReplyCodes.ServiceNotAvailable", true)]
    public async Task LibraryEnumMember_ShowsTheLibrarysDoc_UnlessTheCatalogOptionAsksForTheConstant(string? option, string written, bool catalogOnHover)
    {
        var code = ReplyCatalog.Find(421)!;
        using var workspace = new AdhocWorkspace();
        var document = await AddProjectAsync(
            workspace,
            """
            using MailKit.Net.Smtp;

            namespace Mailer
            {
                class Sender
                {
                    bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == 421;
                }
            }
            """,
            option is null ? null : "smtp_analyzers.reply_code_constants = " + option);

        var fixedDocument = (await ApplyFixAsync(document)).GetDocument(document.Id)!;
        var hover = await HoverAsync(fixedDocument, written);

        Assert.Equal(catalogOnHover, hover.Contains(code.Description, StringComparison.Ordinal));
        Assert.Equal(catalogOnHover, hover.Contains(code.RetryAdvice, StringComparison.Ordinal));
    }

    /// <summary>The hover text over the last name of the first <paramref name="reference"/> in the document.</summary>
    private static async Task<string> HoverAsync(Document document, string reference)
    {
        var text = (await document.GetTextAsync()).ToString();
        var start = text.IndexOf(reference, StringComparison.Ordinal);
        Assert.True(start >= 0, "not in the fixed document: " + reference + "\n" + text);
        var position = start + reference.LastIndexOf('.') + 1;

        var quickInfo = await QuickInfoService.GetService(document)!.GetQuickInfoAsync(document, position);
        Assert.NotNull(quickInfo);
        return string.Join("\n", quickInfo!.Sections.Select(section => section.Text));
    }

    private static async Task<Document> AddProjectAsync(AdhocWorkspace workspace, string source, string? editorConfig = null)
    {
        var references = await TestReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Mailer",
            "Mailer",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: new CSharpParseOptions(documentationMode: DocumentationMode.Diagnose),
            metadataReferences: references.AddRange(TestReferences.Libraries),
            analyzerReferences: [GeneratorReference.Instance]));
        if (editorConfig is not null)
        {
            var config = DocumentInfo.Create(
                DocumentId.CreateNewId(project.Id),
                ".editorconfig",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From("root = true\n\n[*.cs]\n" + editorConfig + "\n"), VersionStamp.Default)),
                filePath: "/Mailer/.editorconfig");
            Assert.True(workspace.TryApplyChanges(workspace.CurrentSolution.AddAnalyzerConfigDocuments([config])));
        }

        var document = DocumentInfo.Create(
            DocumentId.CreateNewId(project.Id),
            "Sender.cs",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Default)),
            filePath: "/Mailer/Sender.cs");
        Assert.True(workspace.TryApplyChanges(workspace.CurrentSolution.AddDocument(document)));
        return workspace.CurrentSolution.GetDocument(document.Id)!;
    }

    private static async Task<Solution> ApplyFixAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MagicReplyCodeAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new MagicReplyCodeFixer().RegisterCodeFixesAsync(context);
        var operations = await Assert.Single(actions).GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }
}
