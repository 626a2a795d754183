using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Runs every analyzer of the package over real code and lists what it reports, to be read and judged by hand:
//   dotnet run -c Release --project tests/SmtpAnalyzers.RealCode -- DIR [--out FILE.tsv]
// Each folder directly under DIR is one repository. Its .cs files are compiled per project (the nearest folder
// above a file that holds a .csproj, else the repository), against the .NET 10 reference pack (and ASP.NET Core's
// for a web project), the libraries real mail code and its tests use, and the compilations of the projects its
// .csproj references; only projects that mention mail are analyzed, on one thread, so that two runs list the same.
// A file is test code when a folder on its path is named like a test project. Nothing here is committed but this
// tool: the repositories stay outside the project.
if (args.Length == 0 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: SmtpAnalyzers.RealCode DIR [--out FILE.tsv]");
    return 2;
}

var root = Path.GetFullPath(args[0]);
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "realcode.tsv";
var analyzers = typeof(SmtpAnalyzers.RuleIds).Assembly.GetTypes()
    .Where(type => !type.IsAbstract && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
    .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
    .ToImmutableArray();
var (libraries, aspNetCore, testFrameworks) = References();
var rows = new List<string> { "id\trepo\tfile\tline\tkind\tmessage\tsource" };
int projects = 0, files = 0, lines = 0, failures = 0;
foreach (var repository in Directory.GetDirectories(root).OrderBy(path => path, StringComparer.Ordinal))
{
    var repositoryProjects = Projects(repository).ToList();
    var byFolder = repositoryProjects.Where(project => project.ProjectFile is not null).ToDictionary(project => project.Folder, StringComparer.Ordinal);
    var compilations = new Dictionary<Project, CSharpCompilation>();
    foreach (var project in repositoryProjects)
    {
        var texts = project.Files.Select(path => (Path: path, Text: File.ReadAllText(path))).ToList();
        if (!texts.Any(file => MentionsMail(file.Text)))
        {
            continue;
        }

        projects++;
        files += texts.Count;
        lines += texts.Sum(file => file.Text.Count(c => c == '\n'));
        var compilation = CompilationOf(project, []);
        var analysis = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, analyzer, diagnostic) =>
            {
                failures++;
                Console.Error.WriteLine($"AD0001 {analyzer.GetType().Name} in {project.Folder}: {exception.GetType().Name}: {exception.Message}");
            },
            // One thread: where a lambda's body has errors, the candidate a semantic model keeps for it depends on
            // which question bound it first, and concurrent analysis varies that order between runs.
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false));
        foreach (var diagnostic in (await analysis.GetAnalyzerDiagnosticsAsync()).OrderBy(d => d.Location.SourceTree?.FilePath).ThenBy(d => d.Location.SourceSpan.Start))
        {
            if (!diagnostic.Location.IsInSource || diagnostic.Id == "AD0001")
            {
                failures += diagnostic.Id == "AD0001" ? 1 : 0;
                continue;
            }

            var tree = diagnostic.Location.SourceTree!;
            var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
            var relative = Path.GetRelativePath(repository, tree.FilePath);
            rows.Add(string.Join('\t',
                diagnostic.Id,
                Path.GetFileName(repository),
                relative,
                line + 1,
                IsTestPath(relative) ? "test" : "production",
                diagnostic.GetMessage().Replace('\t', ' '),
                tree.GetText().Lines[line].ToString().Trim().Replace('\t', ' ')));
        }
    }

    // A project is compiled once, after the projects it references (a reference cycle is cut where it closes), and
    // references their compilations, as the build references their assemblies: types and extension methods of a
    // referenced project bind, and so do the calls and lambdas that use them.
    CSharpCompilation CompilationOf(Project project, HashSet<string> referencing)
    {
        if (compilations.TryGetValue(project, out var compiled))
        {
            return compiled;
        }

        referencing.Add(project.Folder);
        var references = project.References
            .Where(folder => byFolder.ContainsKey(folder) && !referencing.Contains(folder))
            .Select(folder => CompilationOf(byFolder[folder], referencing).ToMetadataReference());
        referencing.Remove(project.Folder);
        var options = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: ["NET", "NETCOREAPP", "NET8_0_OR_GREATER", "NET6_0_OR_GREATER"]);
        var trees = project.Files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path)).ToList();
        if (UsesImplicitUsings(project.Folder, repository))
        {
            trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, options, Path.Combine(project.Folder, "ImplicitUsings.g.cs")));
        }

        compiled = CSharpCompilation.Create(
            project.ProjectFile is null ? Path.GetFileName(project.Folder) : Path.GetFileNameWithoutExtension(project.ProjectFile),
            trees,
            libraries
                .AddRange(project.IsWebProject ? aspNetCore : [])
                .AddRange(project.IsTestProject ? testFrameworks : [])
                .AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        compilations[project] = compiled;
        return compiled;
    }
}

File.WriteAllLines(output, rows, new UTF8Encoding(false));
Console.WriteLine($"{projects} projects, {files} files, {lines:N0} lines; {rows.Count - 1} diagnostics written to {output}; analyzer failures: {failures}");
foreach (var group in rows.Skip(1).Select(row => row.Split('\t')).GroupBy(row => (Id: row[0], Kind: row[4])).OrderBy(group => group.Key))
{
    Console.WriteLine($"  {group.Key.Id} {group.Key.Kind}: {group.Count()}");
}

return failures == 0 ? 0 : 1;

// The projects of a repository: each .cs file goes to the nearest folder above it that holds a .csproj. A project
// is a test project when its .csproj references a test framework; its references are the folders of the projects
// its .csproj references. Files with no .csproj above them are split by their path into a test and a production
// project, which reference nothing.
static IEnumerable<Project> Projects(string repository)
{
    var byProject = new Dictionary<string, List<string>>(StringComparer.Ordinal);
    foreach (var file in Directory.EnumerateFiles(repository, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
    {
        if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
        {
            continue;
        }

        var folder = Path.GetDirectoryName(file)!;
        while (folder.Length > repository.Length && !Directory.EnumerateFiles(folder, "*.csproj").Any())
        {
            folder = Path.GetDirectoryName(folder)!;
        }

        if (!byProject.TryGetValue(folder, out var list))
        {
            byProject[folder] = list = [];
        }

        list.Add(file);
    }

    foreach (var (project, files) in byProject.OrderBy(pair => pair.Key, StringComparer.Ordinal))
    {
        var projectFile = Directory.EnumerateFiles(project, "*.csproj").Order(StringComparer.Ordinal).FirstOrDefault();
        if (projectFile is not null)
        {
            var text = File.ReadAllText(projectFile);
            yield return new Project(project, projectFile, files, ReferencesTestFramework(text), IsWeb(text), ProjectReferences(text, project));
            continue;
        }

        var relative = files.ToLookup(file => IsTestPath(Path.GetRelativePath(repository, file)));
        foreach (var group in relative.OrderBy(group => group.Key))
        {
            yield return new Project(project, null, group.ToList(), group.Key, false, []);
        }
    }
}

// The folders of the projects a .csproj references, written with either separator and relative to its folder.
static List<string> ProjectReferences(string projectFile, string folder) =>
    System.Xml.Linq.XDocument.Parse(projectFile).Descendants()
        .Where(element => element.Name.LocalName == "ProjectReference")
        .Select(element => element.Attribute("Include")?.Value)
        .OfType<string>()
        .Select(include => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar))))!)
        .Distinct(StringComparer.Ordinal)
        .ToList();

static bool ReferencesTestFramework(string projectFile) =>
    new[] { "\"xunit", "\"NUnit\"", "\"MSTest", "\"TUnit" }.Any(package => projectFile.Contains(package, StringComparison.OrdinalIgnoreCase));

// A project builds against ASP.NET Core when it uses the web SDK or references the shared framework.
static bool IsWeb(string projectFile) =>
    projectFile.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) || projectFile.Contains("\"Microsoft.AspNetCore.App\"", StringComparison.OrdinalIgnoreCase);

static bool MentionsMail(string text) =>
    text.Contains("MailKit", StringComparison.Ordinal) || text.Contains("System.Net.Mail", StringComparison.Ordinal) || text.Contains("SmtpClient", StringComparison.Ordinal);

static bool IsTestPath(string relative) =>
    relative.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(folder => folder.Contains("test", StringComparison.OrdinalIgnoreCase) || folder.Contains("spec", StringComparison.OrdinalIgnoreCase))
    || Path.GetFileNameWithoutExtension(relative).EndsWith("Tests", StringComparison.Ordinal)
    || Path.GetFileNameWithoutExtension(relative).EndsWith("Test", StringComparison.Ordinal);

// Implicit usings are turned on in the project file or in a Directory.Build.props of a folder above it (as the SDK
// imports it), up to the repository.
static bool UsesImplicitUsings(string project, string repository)
{
    if (Directory.EnumerateFiles(project, "*.csproj").Any(TurnsOnImplicitUsings))
    {
        return true;
    }

    for (var folder = project; folder.Length >= repository.Length; folder = Path.GetDirectoryName(folder)!)
    {
        var props = Path.Combine(folder, "Directory.Build.props");
        if (File.Exists(props))
        {
            return TurnsOnImplicitUsings(props);
        }
    }

    return false;

    static bool TurnsOnImplicitUsings(string file) => File.ReadAllText(file).Contains("<ImplicitUsings>enable", StringComparison.OrdinalIgnoreCase);
}

static (ImmutableArray<MetadataReference> Libraries, ImmutableArray<MetadataReference> AspNetCore, ImmutableArray<MetadataReference> TestFrameworks) References()
{
    var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    var pack = Path.Combine(packages, "microsoft.netcore.app.ref", "10.0.12", "ref", "net10.0");
    var aspNetCorePack = Path.Combine(packages, "microsoft.aspnetcore.app.ref", "10.0.12", "ref", "net10.0");
    Type[] libraries =
    [
        typeof(MailKit.Net.Smtp.SmtpClient), typeof(MimeKit.MimeMessage), typeof(Polly.ResiliencePipeline), typeof(Polly.Policy),
        typeof(Hangfire.AutomaticRetryAttribute), typeof(NLog.LogManager), typeof(Microsoft.Extensions.Logging.ILogger), typeof(Serilog.Log),
    ];
    Type[] testFrameworks =
    [
        typeof(Xunit.Assert), typeof(Xunit.FactAttribute), typeof(NUnit.Framework.TestAttribute),
        typeof(Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute), typeof(NSubstitute.Substitute), typeof(Moq.Mock),
        typeof(FluentAssertions.AssertionExtensions),
    ];
    return (
        Directory.GetFiles(pack, "*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).Concat(ReferencesTo(libraries)).ToImmutableArray(),
        Directory.GetFiles(aspNetCorePack, "*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray(),
        ReferencesTo(testFrameworks).ToImmutableArray());

    static IEnumerable<MetadataReference> ReferencesTo(Type[] types) =>
        types.Select(type => type.Assembly.Location).Distinct().Select(path => MetadataReference.CreateFromFile(path));
}

internal sealed record Project(string Folder, string? ProjectFile, List<string> Files, bool IsTestProject, bool IsWebProject, List<string> References);

public partial class Program
{
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;
}
