using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers.RuntimeProof;

/// <summary>
/// Produces the fixed form of a source by running the package's own analyzers and code fixes in a Roslyn workspace,
/// as an IDE or <c>dotnet format</c> does: every diagnostic of one rule is fixed, one fix at a time, until the rule
/// finds nothing more or offers no fix.
/// </summary>
public static class FixedForm
{
    public const string ProjectDirectory = "/proof/";

    /// <summary>Every analyzer of the package.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(SmtpAnalyzers.RuleIds).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    /// <summary>Every code fix of the package.</summary>
    public static ImmutableArray<CodeFixProvider> Fixers { get; } = typeof(SmtpAnalyzers.CodeFixes.BatchCodeFixProvider).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type) && type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    /// <summary>The running framework's assemblies, MailKit and MimeKit: what every proven project references.</summary>
    private static readonly ImmutableArray<MetadataReference> Framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
        .Concat([typeof(MailKit.Net.Smtp.SmtpClient).Assembly.Location, typeof(MimeKit.MimeMessage).Assembly.Location])
        .Distinct()
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    private static readonly MetadataReference PollyV7 = MetadataReference.CreateFromFile(typeof(Polly.Policy).Assembly.Location);

    private static readonly MetadataReference PollyCore = MetadataReference.CreateFromFile(typeof(Polly.ResiliencePipeline).Assembly.Location);

    /// <summary>The references of a proven project: the framework, MailKit, MimeKit, and the Polly assemblies asked for.</summary>
    public static ImmutableArray<MetadataReference> References(Resilience polly) => polly switch
    {
        Resilience.V7 => Framework.Add(PollyV7),
        Resilience.V8 => Framework.Add(PollyV7).Add(PollyCore),
        _ => Framework,
    };

    /// <summary>
    /// A project holding <paramref name="source"/>, the package's helper generator (so <c>SmtpFailures</c> is in the
    /// compilation, as in a project that installs the package) with root namespace <c>ProofApp</c>, and an <c>.editorconfig</c>.
    /// </summary>
    public static Project CreateProject(string source, string editorConfig, Resilience polly)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "ProofApp",
                "ProofApp",
                LanguageNames.CSharp,
                filePath: ProjectDirectory + "ProofApp.csproj",
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: References(polly)))
            .AddDocument(DocumentId.CreateNewId(projectId), "Program.cs", SourceText.From(source), filePath: ProjectDirectory + "Program.cs")
            .AddAnalyzerReference(projectId, SmtpAnalyzers.Testing.GeneratorReference.Instance)
            .AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId),
                ".globalconfig",
                SourceText.From("is_global = true\n" + SmtpAnalyzers.Generators.HelperTypesGenerator.RootNamespaceProperty + " = ProofApp\n"),
                filePath: ProjectDirectory + ".globalconfig")
            .AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n\n[*.cs]\n" + editorConfig), filePath: ProjectDirectory + ".editorconfig");
        return solution.GetProject(projectId)!;
    }

    /// <summary>The package's diagnostics of the project, in Program.cs.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(Analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(diagnostic => diagnostic.Location.SourceTree?.FilePath == ProjectDirectory + "Program.cs").ToImmutableArray();
    }

    /// <summary>
    /// Fixes every <paramref name="ruleId"/> diagnostic of Program.cs with the package's fixer for it; returns the
    /// project afterwards and how many fixes were applied.
    /// </summary>
    public static async Task<(Project Project, int Fixes)> ApplyAsync(Project project, string ruleId)
    {
        var fixer = Fixers.Single(candidate => candidate.FixableDiagnosticIds.Contains(ruleId));
        var fixes = 0;
        var unfixable = new HashSet<TextSpan>();
        for (var round = 0; round < 20; round++)
        {
            var diagnostic = (await DiagnosticsAsync(project)).FirstOrDefault(found => found.Id == ruleId && !unfixable.Contains(found.Location.SourceSpan));
            if (diagnostic is null)
            {
                break;
            }

            var document = project.Documents.Single(candidate => candidate.Name == "Program.cs");
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            if (actions.Count == 0)
            {
                unfixable.Add(diagnostic.Location.SourceSpan);
                continue;
            }

            var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            project = changed.GetProject(project.Id)!;
            fixes++;
        }

        return (project, fixes);
    }

    public static async Task<string> TextAsync(Project project) =>
        (await project.Documents.Single(document => document.Name == "Program.cs").GetTextAsync()).ToString();

    /// <summary>The compiler's diagnostics (errors and warnings) of the project.</summary>
    public static async Task<ImmutableArray<Diagnostic>> CompilerDiagnosticsAsync(Project project) =>
        (await project.GetCompilationAsync())!.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .ToImmutableArray();
}
