using System.IO.Compression;
using System.Xml.Linq;

namespace SmtpAnalyzers.EndToEnd;

/// <summary>The .nupkg as users get it: its contents, and a fresh project that installs it.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("smtp-analyzers-e2e-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Pack_PutsBothAssembliesUnderAnalyzersAsADevelopmentDependency()
    {
        var package = Pack();

        using var archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(entry => entry.FullName).ToHashSet();
        Assert.Contains("analyzers/dotnet/cs/SmtpAnalyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/SmtpAnalyzers.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal));

        using var nuspecStream = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(element => element.Name.LocalName == name).Value;
        Assert.Equal("SmtpAnalyzers", Value("id"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("README.md", Value("readme"));
        Assert.DoesNotContain(metadata.Elements(), element => element.Name.LocalName == "dependencies");
    }

    [Fact]
    public void ConsumerProject_GetsTheWarningsWithHelpLinks()
    {
        var package = Pack();
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "Consumer")).FullName;
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
                <RestoreAdditionalProjectSources>{Path.GetDirectoryName(package)}</RestoreAdditionalProjectSources>
                <RestorePackagesPath>{Path.Combine(_work, "packages")}</RestorePackagesPath>
                <ErrorLog>{Path.Combine(_work, "build.sarif")},version=2.1</ErrorLog>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MailKit" Version="4.18.2" />
                <PackageReference Include="SmtpAnalyzers" Version="0.1.0" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Mailer.cs"), """
            using MailKit.Net.Smtp;

            public static class Mailer
            {
                public static bool ShouldRetry(SmtpCommandException ex) =>
                    (int)ex.StatusCode == 421;

                public static bool Typo(SmtpCommandException ex) =>
                    (int)ex.StatusCode == 405;
            }
            """);

        var (exitCode, output) = DotNet.Run(consumer, "build", "--nologo", "-v", "q");

        Assert.True(exitCode == 0, output);
        var warnings = DotNet.Diagnostics(output, "warning").Where(d => d.Id.StartsWith("SMTP", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, d => d is { File: "Mailer.cs", Line: 6, Id: "SMTP001" }
            && d.Message.StartsWith("421 is the SMTP reply 'Service not available' (transient 4xx)", StringComparison.Ordinal));
        Assert.Contains(warnings, d => d is { File: "Mailer.cs", Line: 9, Id: "SMTP003" });
        Assert.Equal(2, warnings.Count);

        var sarif = File.ReadAllText(Path.Combine(_work, "build.sarif"));
        Assert.Contains("https://github.com/smtpanalyzers/SmtpAnalyzers/blob/main/docs/rules/SMTP001.md", sarif);
        Assert.Contains("https://github.com/smtpanalyzers/SmtpAnalyzers/blob/main/docs/rules/SMTP003.md", sarif);
    }

    private string Pack()
    {
        var feed = Path.Combine(_work, "feed");
        var (exitCode, output) = DotNet.Run(
            DotNet.RepositoryRoot,
            "pack", "nuget/SmtpAnalyzers.Package.csproj", "--nologo", "-v", "q", "-o", feed);
        Assert.True(exitCode == 0, output);
        return Assert.Single(Directory.GetFiles(feed, "SmtpAnalyzers.*.nupkg"));
    }
}
