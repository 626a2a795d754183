using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers.Tests;

/// <summary>Every analyzer and code fix of the package, found by reflection so new rules are covered too.</summary>
internal static class AllRules
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(Descriptors).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = typeof(CodeFixes.MagicReplyCodeFixer).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
        TestReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult());

    public static ImmutableArray<MetadataReference> References(bool withLibraries) =>
        withLibraries ? Framework.Value.AddRange(TestReferences.Libraries) : Framework.Value;

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, bool withLibraries = true) =>
        CSharpCompilation.Create(
            "Robustness",
            trees,
            References(withLibraries),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs every analyzer concurrently; returns their diagnostics and every exception they threw.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<string> Exceptions)> AnalyzeAsync(Compilation compilation)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        return (diagnostics, exceptions);
    }

    /// <summary>
    /// Applies every offered fix for every diagnostic of one source file, one fix at a time, and returns a
    /// description of each fix that threw or added a compiler error.
    /// </summary>
    public static async Task<List<string>> ApplyEveryFixAsync(string source)
    {
        var problems = new List<string>();
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Robustness", "Robustness", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            metadataReferences: References(withLibraries: true)));
        var document = workspace.AddDocument(project.Id, "Source.cs", SourceText.From(source));
        var compilation = (await document.Project.GetCompilationAsync())!;
        var errorsBefore = Errors(compilation);
        var (diagnostics, _) = await AnalyzeAsync(compilation);

        foreach (var diagnostic in diagnostics)
        {
            foreach (var fixer in Fixers.Where(fixer => fixer.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                try
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                    foreach (var action in actions)
                    {
                        foreach (var operation in (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>())
                        {
                            var fixedCompilation = (await operation.ChangedSolution.GetProject(project.Id)!.GetCompilationAsync())!;
                            var added = Errors(fixedCompilation).Except(errorsBefore).ToList();
                            if (added.Count > 0)
                            {
                                problems.Add($"{diagnostic} -> '{action.Title}' added {string.Join("; ", added)}");
                            }
                        }
                    }
                }
                catch (Exception exception)
                {
                    problems.Add($"{diagnostic} -> {fixer.GetType().Name} threw {exception}");
                }
            }
        }

        return problems;
    }

    /// <summary>Compiler errors by id and message (not location: a fix may move code).</summary>
    private static HashSet<string> Errors(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Id + " " + d.GetMessage())
            .ToHashSet();
}
