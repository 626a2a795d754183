namespace SmtpAnalyzers.Tests;

/// <summary>Files of the repository the tests read: docs, release tracking, README.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

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
