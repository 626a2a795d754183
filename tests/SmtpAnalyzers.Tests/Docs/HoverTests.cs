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

namespace SmtpAnalyzers.Tests.Docs;

/// <summary>
/// What a user sees on hover after applying the SMTP001 fix, asked of the IDE's own QuickInfoService
/// (Microsoft.CodeAnalysis.CSharp.Features): the catalog text of the constant the fix inserted.
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
        var fixedDocument = fixedSolution.GetDocument(document.Id)!;
        var text = (await fixedDocument.GetTextAsync()).ToString();
        var position = text.IndexOf("SmtpReplyCodes." + code.Name, StringComparison.Ordinal) + "SmtpReplyCodes.".Length;
        Assert.True(position > "SmtpReplyCodes.".Length, "the fix did not insert SmtpReplyCodes." + code.Name + ":\n" + text);

        var quickInfo = await QuickInfoService.GetService(fixedDocument)!.GetQuickInfoAsync(fixedDocument, position);
        Assert.NotNull(quickInfo);
        var hover = string.Join("\n", quickInfo!.Sections.Select(section => section.Text));

        Assert.Contains("SmtpReplyCodes." + code.Name + " = " + value, hover);
        Assert.Contains(code.Description, hover);
        Assert.Contains(code.RetryAdvice, hover);
    }

    private static async Task<Document> AddProjectAsync(AdhocWorkspace workspace, string source)
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
            metadataReferences: references.AddRange(TestReferences.Libraries)));
        return workspace.AddDocument(project.Id, "Sender.cs", SourceText.From(source));
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
