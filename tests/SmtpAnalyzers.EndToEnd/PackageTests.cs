using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace SmtpAnalyzers.EndToEnd;

/// <summary>The package packed once into a temporary feed, shared by the tests that install it.</summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        Work = Directory.CreateTempSubdirectory("smtp-analyzers-e2e-").FullName;
        var feed = Path.Combine(Work, "feed");
        var (exitCode, output) = DotNet.Run(
            DotNet.RepositoryRoot,
            "pack", "nuget/SmtpAnalyzers.Package.csproj", "--nologo", "-v", "q", "-o", feed);
        PackOutput = output;
        Path_ = exitCode == 0 ? Directory.GetFiles(feed, "SmtpAnalyzers.*.nupkg").SingleOrDefault() : null;
    }

    public string Work { get; }

    public string PackOutput { get; }

    /// <summary>The .nupkg, or null when packing failed (see <see cref="PackOutput"/>).</summary>
    public string? Path_ { get; }

    public void Dispose() => Directory.Delete(Work, recursive: true);

    /// <summary>
    /// Writes <paramref name="name"/>.csproj into <paramref name="folder"/>: a net10.0 project with nullable on that
    /// installs MailKit and this package from the temporary feed, plus <paramref name="properties"/> and <paramref name="items"/>.
    /// </summary>
    public void WriteConsumer(string folder, string name, string properties = "", string items = "")
    {
        Assert.True(Path_ is not null, PackOutput);
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
                <RestoreAdditionalProjectSources>{Path.GetDirectoryName(Path_)}</RestoreAdditionalProjectSources>
                <RestorePackagesPath>{Path.Combine(Work, "packages")}</RestorePackagesPath>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MailKit" Version="4.18.2" />
                <PackageReference Include="SmtpAnalyzers" Version="0.1.0" PrivateAssets="all" />
                {items}
              </ItemGroup>
            </Project>
            """);
    }
}

/// <summary>The .nupkg as users get it: its contents, and fresh projects that install it.</summary>
public sealed class PackageTests : IClassFixture<PackedPackage>
{
    private const string Mailer = """
        using System.Diagnostics.CodeAnalysis;
        using MailKit.Net.Smtp;

        public static class Mailer
        {
            public static bool ShouldRetry(SmtpCommandException ex) =>
                (int)ex.StatusCode == 421;

            public static bool Typo(SmtpCommandException ex) =>
                (int)ex.StatusCode == 405;

        #pragma warning disable SMTP001 // a reviewed exception
            public static bool Pragma(SmtpCommandException ex) => (int)ex.StatusCode == 450;
        #pragma warning restore SMTP001

            [SuppressMessage("SmtpReplyCodes", "SMTP001:Use a named constant for the SMTP reply code", Justification = "test")]
            public static bool Suppressed(SmtpCommandException ex) => (int)ex.StatusCode == 451;
        }
        """;

    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void Pack_PutsBothAssembliesUnderAnalyzersAsADevelopmentDependency()
    {
        using var archive = ZipFile.OpenRead(Package());
        var entries = archive.Entries.Select(entry => entry.FullName).ToHashSet();
        Assert.Contains("analyzers/dotnet/cs/SmtpAnalyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/SmtpAnalyzers.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("build/SmtpAnalyzers.props", entries);
        Assert.Contains("buildTransitive/SmtpAnalyzers.props", entries);
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
    public void Consumer_GetsTheWarningsAtTheirLinesAndNothingElse()
    {
        var (exitCode, output, _) = BuildConsumer("Warnings");

        Assert.True(exitCode == 0, output);
        var warnings = DotNet.Diagnostics(output, "warning");
        Assert.Contains(warnings, d => d is { File: "Mailer.cs", Line: 7, Id: "SMTP001" }
            && d.Message.StartsWith("421 is the SMTP reply 'Service not available' (transient 4xx)", StringComparison.Ordinal));
        Assert.Contains(warnings, d => d is { File: "Mailer.cs", Line: 10, Id: "SMTP003" });

        // The #pragma and [SuppressMessage] occurrences are silent, and the analyzers load without any
        // loader or analyzer-authoring warning (CS8032, CS9057, RS1xxx, AD0001).
        Assert.Equal(2, warnings.Count);
    }

    [Fact]
    public void Consumer_SarifLogCarriesRuleIdsHelpLinksAndDescriptions()
    {
        var (exitCode, output, work) = BuildConsumer("Sarif");
        Assert.True(exitCode == 0, output);

        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "build.sarif")));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .ToDictionary(rule => rule.GetProperty("id").GetString()!);
        foreach (var id in new[] { "SMTP001", "SMTP003" })
        {
            var rule = rules[id];
            Assert.Equal($"https://github.com/smtpanalyzers/SmtpAnalyzers/blob/main/docs/rules/{id}.md", rule.GetProperty("helpUri").GetString());
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
        }

        var results = run.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("ruleId").GetString()).ToList();
        Assert.Contains("SMTP001", results);
        Assert.Contains("SMTP003", results);
    }

    [Fact]
    public void Consumer_EditorConfigSeverityErrorFailsTheBuild()
    {
        var (exitCode, output, _) = BuildConsumer("Severity", editorConfig: "root = true\n\n[*.cs]\ndotnet_diagnostic.SMTP001.severity = error\n");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(DotNet.Diagnostics(output, "error"), d => d is { File: "Mailer.cs", Line: 7, Id: "SMTP001" });
        Assert.Contains(DotNet.Diagnostics(output, "warning"), d => d is { Id: "SMTP003" });
    }

    [Fact]
    public void Consumer_TreatWarningsAsErrorsFailsTheBuild()
    {
        var (exitCode, output, _) = BuildConsumer("Strict", properties: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>");

        Assert.NotEqual(0, exitCode);
        var errors = DotNet.Diagnostics(output, "error").Select(d => d.Id).ToList();
        Assert.Contains("SMTP001", errors);
        Assert.Contains("SMTP003", errors);
    }

    private string Package()
    {
        Assert.True(_package.Path_ is not null, _package.PackOutput);
        return _package.Path_!;
    }

    private (int ExitCode, string Output, string Work) BuildConsumer(string name, string? editorConfig = null, string properties = "")
    {
        var work = Directory.CreateDirectory(Path.Combine(_package.Work, name)).FullName;
        _package.WriteConsumer(work, "Consumer", $"<ErrorLog>{Path.Combine(work, "build.sarif")},version=2.1</ErrorLog>\n" + properties);
        File.WriteAllText(Path.Combine(work, "Mailer.cs"), Mailer);
        if (editorConfig is not null)
        {
            File.WriteAllText(Path.Combine(work, ".editorconfig"), editorConfig);
        }

        var (exitCode, output) = DotNet.Run(work, "build", "--nologo", "-v", "q");
        return (exitCode, output, work);
    }
}
