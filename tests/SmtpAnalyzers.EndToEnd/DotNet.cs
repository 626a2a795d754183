using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SmtpAnalyzers.EndToEnd;

/// <summary>Runs the dotnet CLI the way a user does, and reads what it prints.</summary>
internal static partial class DotNet
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Each build runs on its own: no shared build server or node reuse between tests.
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(" ", arguments) + " did not finish in 5 minutes:\n" + output);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>The distinct diagnostics of a build log, as (file name, line, id, message).</summary>
    public static IReadOnlyList<BuildDiagnostic> Diagnostics(string output, string severity) =>
        DiagnosticLine().Matches(output)
            .Where(match => match.Groups["severity"].Value == severity)
            .Select(match => new BuildDiagnostic(
                Path.GetFileName(match.Groups["file"].Value),
                int.Parse(match.Groups["line"].Value),
                match.Groups["id"].Value,
                match.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),\d+\): (?<severity>warning|error) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmtpAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SmtpAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}

internal sealed record BuildDiagnostic(string File, int Line, string Id, string Message);
