using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SmtpAnalyzers.Tests.Meta;

/// <summary>
/// The analyzers load in every host from the .NET 8 SDK and Visual Studio 2022 17.8 on: the built
/// assemblies may reference nothing newer than what Roslyn 4.8 ships with.
/// </summary>
public class AssemblyReferenceTests
{
    public static TheoryData<string> AnalyzerAssemblies() => new(
        typeof(Descriptors).Assembly.Location,
        typeof(CodeFixes.MagicReplyCodeFixer).Assembly.Location);

    [Theory]
    [MemberData(nameof(AnalyzerAssemblies))]
    public void References_AreNoNewerThanRoslyn48AndNetStandard20(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version);

        Assert.Equal(new Version(2, 0, 0, 0), references["netstandard"]);
        var roslyn = references.Where(reference => reference.Key.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, reference => Assert.True(reference.Value <= new Version(4, 8, 0, 0), $"{reference.Key} {reference.Value}"));
        Assert.All(
            references.Keys,
            name => Assert.True(
                name is "netstandard" or "System.Collections.Immutable" or "System.Composition.AttributedModel" or "SmtpAnalyzers"
                    || name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal),
                $"unexpected reference {name}"));
    }
}
