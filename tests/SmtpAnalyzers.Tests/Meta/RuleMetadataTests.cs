using System.Collections.Immutable;
using System.Composition;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.Tests.Meta;

/// <summary>Every rule is documented, tracked and linked the same way.</summary>
public class RuleMetadataTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = AllRules.Analyzers;

    private static readonly ImmutableArray<CodeFixProvider> Fixers = AllRules.Fixers;

    public static TheoryData<string> RuleIds() =>
        new(Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(rule => rule.Id).Distinct());

    private static DiagnosticDescriptor Rule(string id) =>
        Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).First(rule => rule.Id == id);

    [Fact]
    public void AnalyzersAreSealedAndFound() => Assert.All(Analyzers, analyzer => Assert.True(analyzer.GetType().IsSealed));

    [Fact]
    public void Analyzer_IsNamedAfterItsRule_AsAreTheDescriptorAndTheRuleId()
    {
        var descriptors = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .ToDictionary(field => (DiagnosticDescriptor)field.GetValue(null)!, field => field.Name);
        Assert.All(Analyzers, analyzer =>
        {
            // SMTP103 and SMTP104 are each found by more than one analyzer (PermanentFailureRetryLoopAnalyzer, …Policy…, …Helper…).
            var rule = analyzer.SupportedDiagnostics[0];
            var name = descriptors[rule];
            Assert.StartsWith(name, analyzer.GetType().Name);
            Assert.Equal(rule.Id, typeof(RuleIds).GetField(name)?.GetValue(null));
        });
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Descriptor_HasTitleMessageDescriptionAndHelpLink(string id)
    {
        var rule = Rule(id);
        Assert.Matches("^SMTP[0-9]{3}$", rule.Id);
        Assert.Contains(rule.Category, new[] { Descriptors.Category, Descriptors.TransientCategory });
        Assert.False(string.IsNullOrWhiteSpace(rule.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(rule.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(rule.Description.ToString()));
        Assert.Equal($"https://github.com/smtpanalyzers/SmtpAnalyzers/blob/main/docs/rules/{id}.md", rule.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_HasADocsPageNamingItsTitle(string id)
    {
        var page = RepositoryFiles.PathOf($"docs/rules/{id}.md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.Contains(Rule(id).Title.ToString(), File.ReadAllText(page));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_IsInTheReadmeTableAndReleaseTracking(string id)
    {
        Assert.Contains($"[{id}](docs/rules/{id}.md)", RepositoryFiles.Read("README.md"));
        var rule = Rule(id);
        Assert.Contains(
            $"{id} | {rule.Category} | {rule.DefaultSeverity}",
            RepositoryFiles.Read("src/SmtpAnalyzers/AnalyzerReleases.Unshipped.md") + RepositoryFiles.Read("src/SmtpAnalyzers/AnalyzerReleases.Shipped.md"));
    }

    [Fact]
    public void Fixers_AreExportedUnderTheirTypeNameAndFixSupportedRules()
    {
        var ids = Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(rule => rule.Id).ToHashSet();
        Assert.NotEmpty(Fixers);
        foreach (var fixer in Fixers)
        {
            var type = fixer.GetType();
            Assert.True(type.IsSealed);
            Assert.Equal(type.Name, type.GetCustomAttribute<ExportCodeFixProviderAttribute>()!.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
            Assert.NotNull(fixer.GetFixAllProvider());
            Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, ids));
        }
    }
}
