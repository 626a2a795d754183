namespace SmtpAnalyzers.Tests.Docs;

/// <summary>
/// Pages generated from the catalog must match it. Set SMTP_ANALYZERS_WRITE_DOCS=1 to rewrite them
/// after a catalog change; without it, a stale page fails the build.
/// </summary>
public class GeneratedDocsTests
{
    [Fact]
    public void CatalogPage_IsCurrent() => AssertCurrent(CatalogPage.RelativePath, CatalogPage.Generate());

    internal static void AssertCurrent(string relativePath, string expected)
    {
        var path = RepositoryFiles.PathOf(relativePath);
        if (Environment.GetEnvironmentVariable("SMTP_ANALYZERS_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{relativePath} is missing: run SMTP_ANALYZERS_WRITE_DOCS=1 dotnet test");
        Assert.True(
            File.ReadAllText(path).ReplaceLineEndings("\n") == expected,
            $"{relativePath} is stale: run SMTP_ANALYZERS_WRITE_DOCS=1 dotnet test and commit the result");
    }
}
