namespace SmtpAnalyzers.EndToEnd;

/// <summary>
/// The README's first command, and the code fixes applied by `dotnet format` to a copy of the sample.
/// </summary>
public sealed class SampleTests : IDisposable
{
    private const string SampleFolder = "samples/SmtpAnalyzers.Sample";

    /// <summary>
    /// Every reply-code rule with a code fix. SMTP006 has one, but not for the sample's case (a send's result), and
    /// `--verify-no-changes` fails on a diagnostic it cannot fix, so it is left out as SMTP003 is.
    /// </summary>
    private static readonly string[] FixableIds = ["SMTP001", "SMTP002", "SMTP004", "SMTP005"];

    private readonly string _work = Directory.CreateTempSubdirectory("smtp-analyzers-sample-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void SampleBuild_ReportsTheIntendedWarningsAndNothingAtTheNearMisses()
    {
        var (exitCode, output) = DotNet.Run(DotNet.RepositoryRoot, "build", SampleFolder, "--no-incremental", "--nologo", "-v", "q");

        Assert.True(exitCode == 0, output);
        Assert.Empty(DotNet.Diagnostics(output, "error"));
        var counts = DotNet.Diagnostics(output, "warning")
            .GroupBy(d => d.File + " " + d.Id)
            .ToDictionary(group => group.Key, group => group.Count());
        var expected = new Dictionary<string, int>
        {
            ["BounceClassifier.cs SMTP001"] = 9,
            ["BounceClassifier.cs SMTP002"] = 1,
            ["BounceClassifier.cs SMTP003"] = 1,
            ["MailKitSender.cs SMTP001"] = 2,
            ["MailKitSender.cs SMTP006"] = 1,
            ["MailKitSender.cs SMTP101"] = 1,
            ["MailKitSender.cs SMTP102"] = 4,
            ["OutboxWorker.cs SMTP105"] = 1,
            ["RetryHelper.cs SMTP001"] = 5,
            ["RetryHelper.cs SMTP103"] = 1,
            ["RetryHelper.cs SMTP104"] = 1,
            ["SharedClientSender.cs SMTP107"] = 1,
            ["SharedClientSender.cs SMTP108"] = 1,
            ["SystemNetMailNotifier.cs SMTP001"] = 5,
            ["SystemNetMailNotifier.cs SMTP003"] = 1,
            ["SystemNetMailNotifier.cs SMTP101"] = 1,
            ["SystemNetMailNotifier.cs SMTP106"] = 1,
        };

        // RelayHealthCheck.cs (HTTP status codes), SmtpSettings.cs (ports, constants) and Program.cs
        // hold the near misses: no warning of any kind may appear there.
        Assert.Equal(expected.OrderBy(pair => pair.Key), counts.OrderBy(pair => pair.Key));
    }

    [Fact]
    public void DotnetFormat_AppliesEveryFixInOnePass_AddsNoFile_LeavesTheProjectFileAlone_AndTheResultBuilds()
    {
        var copy = CopySample();
        var before = DotNet.Run(copy, "build", "--nologo", "-v", "q");
        Assert.True(before.ExitCode == 0, before.Output);
        Assert.Contains(DotNet.Diagnostics(before.Output, "warning"), d => d.Id == "SMTP001");

        var verify = DotNet.Run(copy, ["format", "analyzers", "--verify-no-changes", "--severity", "info", "--diagnostics", .. FixableIds]);
        Assert.True(verify.ExitCode != 0, "--verify-no-changes passed before the fixes:\n" + verify.Output);

        FormatAddingNoFile(copy, FixableIds);

        var build = DotNet.Run(copy, "build", "--no-incremental", "--nologo", "-v", "q");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(DotNet.Diagnostics(build.Output, "error"));
        var remaining = DotNet.Diagnostics(build.Output, "warning").Select(d => d.Id).ToList();
        Assert.DoesNotContain("SMTP001", remaining);
        Assert.DoesNotContain("SMTP002", remaining);
        Assert.Equal(2, remaining.Count(id => id == "SMTP003"));

        // A send's result gets no SMTP006 fix: the docs explain why the test is redundant.
        Assert.Equal(1, remaining.Count(id => id == "SMTP006"));

        var reverify = DotNet.Run(copy, ["format", "analyzers", "--verify-no-changes", "--severity", "info", "--diagnostics", .. FixableIds]);
        Assert.True(reverify.ExitCode == 0, reverify.Output);

        var fixedSender = File.ReadAllText(Path.Combine(copy, "MailKitSender.cs"));
        Assert.Contains("ex.StatusCode == SmtpStatusCode.ServiceNotAvailable", fixedSender);
        Assert.Contains("ex.StatusCode == SmtpStatusCode.InsufficientStorage", fixedSender);
        var fixedClassifier = File.ReadAllText(Path.Combine(copy, "BounceClassifier.cs"));
        Assert.Contains("SmtpReplyCodes.IsTransient(code)", fixedClassifier);
        Assert.Contains("SmtpReplyCodes.Is(smtpReply, SmtpReplyCodes.MailboxUnavailable)", fixedClassifier);
    }

    /// <summary>
    /// Every rule, family 2 included, in one `dotnet format` pass: the fixes that are safe are applied, the result
    /// builds with warnings as errors except for the diagnostics that keep no fix by design, and those are exactly the
    /// ones the rule pages say get none.
    /// </summary>
    [Fact]
    public void DotnetFormat_AppliesEveryRulesFixInOnePass_AndTheResultBuildsWithWarningsAsErrors()
    {
        var copy = CopySample();
        FormatAddingNoFile(copy, AllIds);

        var build = DotNet.Run(copy, "build", "--no-incremental", "--nologo", "-v", "q", "-warnaserror", "-p:WarningsNotAsErrors=" + string.Join("%3B", KeptWithoutFix.Keys));
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(DotNet.Diagnostics(build.Output, "error"));
        var remaining = DotNet.Diagnostics(build.Output, "warning")
            .GroupBy(d => d.File + " " + d.Id)
            .ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(KeptWithoutFix.SelectMany(rule => rule.Value).OrderBy(pair => pair.Key), remaining.OrderBy(pair => pair.Key));
    }

    private static readonly string[] AllIds =
        ["SMTP001", "SMTP002", "SMTP003", "SMTP004", "SMTP005", "SMTP006", "SMTP101", "SMTP102", "SMTP103", "SMTP104", "SMTP105", "SMTP106", "SMTP107", "SMTP108"];

    /// <summary>The sample's diagnostics that no fix removes, by rule, and why (each rule page says so too).</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> KeptWithoutFix = new()
    {
        // 999 and 600 are no reply codes: only the author knows what was meant.
        ["SMTP003"] = new() { ["BounceClassifier.cs SMTP003"] = 1, ["SystemNetMailNotifier.cs SMTP003"] = 1 },

        // A send's result tested for "250": the test is redundant, and deleting it is the author's call.
        ["SMTP006"] = new() { ["MailKitSender.cs SMTP006"] = 1 },

        // MailKitSender.SendAsync writes to the console after the send: a retry of the unit after a failure there
        // would deliver the message twice, so the fix is not offered (SMTP101's page, "No fix is offered").
        ["SMTP101"] = new() { ["MailKitSender.cs SMTP101"] = 1 },
    };

    /// <summary>
    /// Runs one `dotnet format` pass of <paramref name="ids"/>' fixes on the copy. The fixes use the generated helpers:
    /// no file is added, so dotnet format's MSBuildWorkspace has no <c>&lt;Compile Include&gt;</c> to write
    /// (dotnet/roslyn#36781) and the project file stays byte for byte as it was.
    /// </summary>
    private static void FormatAddingNoFile(string copy, string[] ids)
    {
        var projectFile = Path.Combine(copy, "SmtpAnalyzers.Sample.csproj");
        var projectBytes = File.ReadAllBytes(projectFile);
        var files = SourceFiles(copy);
        var format = DotNet.Run(copy, ["format", "analyzers", "--severity", "info", "--diagnostics", .. ids]);
        Assert.True(format.ExitCode == 0, format.Output);
        Assert.Equal(files, SourceFiles(copy));
        Assert.Equal(projectBytes, File.ReadAllBytes(projectFile));
    }

    private static string[] SourceFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file))
            .Where(file => !file.StartsWith("obj", StringComparison.Ordinal) && !file.StartsWith("bin", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The sample's sources in a temporary folder, still referencing the analyzers in this repository.</summary>
    private string CopySample()
    {
        var source = Path.Combine(DotNet.RepositoryRoot, SampleFolder);
        var copy = Directory.CreateDirectory(Path.Combine(_work, "Sample")).FullName;
        foreach (var file in Directory.GetFiles(source, "*.cs"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var project = File.ReadAllText(Path.Combine(source, "SmtpAnalyzers.Sample.csproj"))
            .Replace(@"..\..\", DotNet.RepositoryRoot + Path.DirectorySeparatorChar);
        File.WriteAllText(Path.Combine(copy, "SmtpAnalyzers.Sample.csproj"), project);
        File.WriteAllText(Path.Combine(_work, "Directory.Build.props"), $"""
            <Project>
              <Import Project="{Path.Combine(DotNet.RepositoryRoot, "Directory.Build.props")}" />
            </Project>
            """);
        return copy;
    }
}
