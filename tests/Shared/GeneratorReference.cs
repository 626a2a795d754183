using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Generators;

namespace SmtpAnalyzers.Testing;

/// <summary>
/// The package's helper generator as a project's analyzer reference: the workspace runs it, as the IDE and
/// <c>dotnet format</c> do, so a fix's compilation holds the generated types as source-generated documents.
/// </summary>
public sealed class GeneratorReference : AnalyzerReference
{
    public static GeneratorReference Instance { get; } = new();

    private readonly ImmutableArray<ISourceGenerator> _generators = [new HelperTypesGenerator().AsSourceGenerator()];

    public override string FullPath => typeof(HelperTypesGenerator).Assembly.Location;

    public override object Id => typeof(HelperTypesGenerator);

    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => [];

    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => [];

    public override ImmutableArray<ISourceGenerator> GetGenerators(string language) => language == LanguageNames.CSharp ? _generators : [];

    public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => _generators;
}
