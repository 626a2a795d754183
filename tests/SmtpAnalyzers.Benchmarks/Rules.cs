using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.Benchmarks;

/// <summary>The package's analyzers and fixers, and the references the corpus compiles against.</summary>
public static class Rules
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(RuleIds).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = typeof(CodeFixes.MagicReplyCodeFixer).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    /// <summary>The .NET 10 reference pack restored by PackageDownload, plus MailKit and MimeKit.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "Corpus",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var pack = Path.Combine(packages, "microsoft.netcore.app.ref", "10.0.12", "ref", "net10.0");
        return Directory.GetFiles(pack, "*.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(MailKit.Net.Smtp.SmtpClient).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(MimeKit.MimeMessage).Assembly.Location))
            .ToImmutableArray();
    }
}
