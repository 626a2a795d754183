namespace SmtpAnalyzers.EndToEnd;

/// <summary>
/// The generated helpers in fresh projects that install the package: `dotnet format` applies every family-1 fix
/// in one pass without touching the project file, two projects with InternalsVisibleTo build together, and
/// what still happens with generation turned off.
/// </summary>
public sealed class GeneratedHelpersTests : IClassFixture<PackedPackage>
{
    private static readonly string[] FixableIds = ["SMTP001", "SMTP002", "SMTP004", "SMTP005"];

    // Every fixable rule once, in a root namespace that differs from the assembly name.
    private const string Mailer = """
        using MailKit.Net.Smtp;

        namespace Contoso.Notifications.Worker
        {
            public static class Mailer
            {
                public static bool Busy(SmtpCommandException ex) => (int)ex.StatusCode == 421;

                public static bool Accepted(int smtpStatus) => smtpStatus == 250;

                public static bool Refused(string smtpReply) => smtpReply.StartsWith("550");

                public static bool Transient(int smtpReplyCode) => smtpReplyCode >= 400 && smtpReplyCode < 500;

                public static bool UnknownUser(SmtpCommandException ex) => ex.Message.Contains("5.1.1");
            }
        }
        """;

    private const string WorkerProperties = """
        <AssemblyName>Notifications.Worker</AssemblyName>
        <RootNamespace>Contoso.Notifications.Worker</RootNamespace>
        """;

    private readonly PackedPackage _package;

    public GeneratedHelpersTests(PackedPackage package) => _package = package;

    [Fact]
    public void DotnetFormat_FixesEverythingInOnePass_AddsNoFile_ProjectFileByteIdentical_Builds()
    {
        var work = Consumer("FormatGenerated", WorkerProperties);
        var projectFile = Path.Combine(work, "Worker.csproj");
        var projectBytes = File.ReadAllBytes(projectFile);

        var format = DotNet.Run(work, ["format", "analyzers", "--severity", "info", "--diagnostics", .. FixableIds]);
        Assert.True(format.ExitCode == 0, format.Output);

        Assert.Equal(["Mailer.cs", "Worker.csproj"], SourceFiles(work));
        Assert.Equal(projectBytes, File.ReadAllBytes(projectFile));
        var fixedMailer = File.ReadAllText(Path.Combine(work, "Mailer.cs"));
        Assert.Contains("ex.StatusCode == SmtpStatusCode.ServiceNotAvailable", fixedMailer);
        Assert.Contains("smtpStatus == SmtpReplyCodes.Ok", fixedMailer);
        Assert.Contains("SmtpReplyCodes.Is(smtpReply, SmtpReplyCodes.MailboxUnavailable)", fixedMailer);
        Assert.Contains("SmtpReplyCodes.IsTransient(smtpReplyCode)", fixedMailer);
        Assert.Contains("SmtpEnhancedStatusCodes.PermanentBadDestinationMailboxAddress", fixedMailer);
        // The helpers are in the root namespace, so the fixed file needs no using directive for them.
        Assert.DoesNotContain("using Contoso", fixedMailer);

        var build = DotNet.Run(work, "build", "--no-incremental", "--nologo", "-v", "q", "-p:TreatWarningsAsErrors=true");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(DotNet.Diagnostics(build.Output, "warning"));

        var reverify = DotNet.Run(work, ["format", "analyzers", "--verify-no-changes", "--severity", "info", "--diagnostics", .. FixableIds]);
        Assert.True(reverify.ExitCode == 0, reverify.Output);
    }

    [Fact]
    public void GenerationOff_DotnetFormatAddsTheFilesAndCompileItems()
    {
        // What still happens when a project owns the helpers: the fix adds them as files, and dotnet format's
        // MSBuildWorkspace also writes <Compile Include> for each (dotnet/roslyn#36781), which an SDK-style project
        // then includes twice (NETSDK1022). README and the rule pages say to delete those lines; this test fails
        // once Roslyn stops writing them.
        var work = Consumer("FormatOwned", WorkerProperties + "<SmtpAnalyzersGenerateHelpers>false</SmtpAnalyzersGenerateHelpers>");

        var format = DotNet.Run(work, ["format", "analyzers", "--severity", "info", "--diagnostics", .. FixableIds]);
        Assert.True(format.ExitCode == 0, format.Output);

        Assert.Equal(["Mailer.cs", "SmtpEnhancedStatusCodes.cs", "SmtpReplyCodes.cs", "Worker.csproj"], SourceFiles(work));
        Assert.Contains("namespace Contoso.Notifications.Worker\n", File.ReadAllText(Path.Combine(work, "SmtpReplyCodes.cs")));
        var projectText = File.ReadAllText(Path.Combine(work, "Worker.csproj"));
        Assert.Contains("<Compile Include=\"SmtpReplyCodes.cs\" />", projectText);

        var build = DotNet.Run(work, "build", "--nologo", "-v", "q");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("NETSDK1022", build.Output);

        File.WriteAllText(
            Path.Combine(work, "Worker.csproj"),
            System.Text.RegularExpressions.Regex.Replace(projectText, @"\s*<ItemGroup>\s*(<Compile Include=""Smtp\w+\.cs"" />\s*)+</ItemGroup>", string.Empty));
        var rebuilt = DotNet.Run(work, "build", "--no-incremental", "--nologo", "-v", "q", "-p:TreatWarningsAsErrors=true");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
    }

    [Fact]
    public void TwoProjectsWithInternalsVisibleTo_BuildWithoutCS0436OrAmbiguity()
    {
        // Both projects share one root namespace, the case where the same helper name would clash: the worker sees
        // the core's internal helpers and gets none of its own.
        var root = Directory.CreateDirectory(Path.Combine(_package.Work, "TwoProjects")).FullName;
        var core = Directory.CreateDirectory(Path.Combine(root, "Core")).FullName;
        _package.WriteConsumer(core, "Core", "<RootNamespace>Contoso.Notifications</RootNamespace><TreatWarningsAsErrors>true</TreatWarningsAsErrors>", """<InternalsVisibleTo Include="Worker" />""");
        File.WriteAllText(Path.Combine(core, "Policy.cs"), UsesHelpers("Contoso.Notifications", "Policy"));

        var worker = Directory.CreateDirectory(Path.Combine(root, "Worker")).FullName;
        _package.WriteConsumer(worker, "Worker", "<RootNamespace>Contoso.Notifications</RootNamespace><TreatWarningsAsErrors>true</TreatWarningsAsErrors>", """<ProjectReference Include="../Core/Core.csproj" />""");
        File.WriteAllText(Path.Combine(worker, "Retry.cs"), UsesHelpers("Contoso.Notifications", "Retry"));
        File.WriteAllText(Path.Combine(worker, "Other.cs"), UsesHelpers("Contoso.Notifications.Jobs", "Job"));

        var build = DotNet.Run(worker, "build", "--nologo", "-v", "q");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain("CS0436", build.Output);
        Assert.DoesNotContain("CS0104", build.Output);
        Assert.DoesNotContain("CS0433", build.Output);
    }

    private static string UsesHelpers(string namespaceName, string className) => $$"""
        namespace {{namespaceName}}
        {
            internal static class {{className}}
            {
                public static bool ShouldRetry(System.Exception ex, int smtpStatus) =>
                    SmtpFailures.IsTransient(ex) || SmtpReplyCodes.IsTransient(smtpStatus) || smtpStatus == SmtpReplyCodes.ServiceNotAvailable;
            }
        }
        """;

    private string Consumer(string name, string properties)
    {
        var work = Directory.CreateDirectory(Path.Combine(_package.Work, name)).FullName;
        _package.WriteConsumer(work, "Worker", properties);
        File.WriteAllText(Path.Combine(work, "Mailer.cs"), Mailer);
        var restore = DotNet.Run(work, "restore", "--nologo", "-v", "q");
        Assert.True(restore.ExitCode == 0, restore.Output);
        return work;
    }

    private static string[] SourceFiles(string folder) =>
        Directory.GetFiles(folder)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToArray()!;
}
