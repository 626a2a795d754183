using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers.Benchmarks;

/// <summary>
/// Applies every fixer's Fix All at solution scope to a corpus, as the IDE's "Fix all occurrences in
/// solution" does, then compiles the result and analyzes it again.
/// </summary>
public static class FixAllRunner
{
    /// <summary><paramref name="RemainingFixable"/>: per fixable id, the diagnostics of the result a fix is still offered for.</summary>
    public sealed record Result(int DiagnosticsBefore, IReadOnlyDictionary<string, int> RemainingFixable, IReadOnlyList<string> NewErrors, int DocumentsAdded);

    public static async Task<Result> RunAsync(IReadOnlyList<(string Name, string Text)> corpus)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Corpus", "Corpus", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            metadataReferences: Rules.References));
        var solution = workspace.CurrentSolution;
        foreach (var (name, text) in corpus)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(project.Id), name, SourceText.From(text));
        }

        var documentsBefore = solution.GetProject(project.Id)!.DocumentIds.Count;
        var errorsBefore = await ErrorsAsync(solution.GetProject(project.Id)!);
        var before = await AnalyzeAsync(solution.GetProject(project.Id)!);

        foreach (var fixer in Rules.Fixers)
        {
            var current = solution.GetProject(project.Id)!;
            var diagnostics = (await AnalyzeAsync(current)).Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            // Some diagnostics are reported without a fix (where no fix is safe): Fix All starts from one that has one.
            Document? document = null;
            string? key = null;
            foreach (var diagnostic in diagnostics)
            {
                document = current.GetDocument(diagnostic.Location.SourceTree!)!;
                if ((key = await EquivalenceKeyAsync(fixer, document, diagnostic)) is not null)
                {
                    break;
                }
            }

            if (key is null)
            {
                continue;
            }

            var context = new FixAllContext(
                document!,
                fixer,
                FixAllScope.Solution,
                key,
                fixer.FixableDiagnosticIds,
                new Provider(diagnostics),
                CancellationToken.None);
            var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            if (action is not null)
            {
                var operations = await action.GetOperationsAsync(CancellationToken.None);
                solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            }
        }

        var fixedProject = solution.GetProject(project.Id)!;
        var after = await AnalyzeAsync(fixedProject);
        var remaining = Rules.Fixers.SelectMany(fixer => fixer.FixableDiagnosticIds).Distinct().ToDictionary(id => id, _ => 0);
        foreach (var diagnostic in after)
        {
            var document = fixedProject.GetDocument(diagnostic.Location.SourceTree!);
            foreach (var fixer in Rules.Fixers.Where(fixer => fixer.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                if (document is not null && await EquivalenceKeyAsync(fixer, document, diagnostic) is not null)
                {
                    remaining[diagnostic.Id]++;
                    break;
                }
            }
        }

        var newErrors = (await ErrorsAsync(fixedProject)).Except(errorsBefore).ToList();
        return new Result(before.Length, remaining, newErrors, fixedProject.DocumentIds.Count - documentsBefore);
    }

    private static async Task<string?> EquivalenceKeyAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic)
    {
        string? key = null;
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => key ??= action.EquivalenceKey, CancellationToken.None));
        return key;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(Rules.Analyzers).GetAnalyzerDiagnosticsAsync();
    }

    private static async Task<HashSet<string>> ErrorsAsync(Project project) =>
        (await project.GetCompilationAsync())!.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Id + " " + d.GetMessage())
            .ToHashSet();

    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
