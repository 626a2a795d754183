using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.CodeFixes;

namespace SmtpAnalyzers.Tests.Meta;

/// <summary>The constants files the fixes add: they compile cleanly, with docs, and the helpers are right.</summary>
public class ReplyCodesFileTests
{
    [Theory]
    [InlineData("SmtpReplyCodes", "My.Mail.App")]
    [InlineData("SmtpReplyCodes", null)]
    [InlineData("SmtpEnhancedStatusCodes", "My.Mail.App")]
    [InlineData("SmtpEnhancedStatusCodes", null)]
    public async Task GeneratedFile_CompilesWithoutWarningsIncludingXmlDocs(string className, string? namespaceName)
    {
        var file = className == ConstantsFile.ReplyCodes.ClassName ? ConstantsFile.ReplyCodes : ConstantsFile.EnhancedStatusCodes;
        var compilation = await CompileAsync(file.Generate(namespaceName));
        var diagnostics = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(diagnostics);
        var type = compilation.GetTypeByMetadataName((namespaceName is null ? string.Empty : namespaceName + ".") + className)!;
        Assert.Equal(file.Members.Order(), type.GetMembers().Where(m => m.CanBeReferencedByName).Select(m => m.Name).Distinct().Order());
    }

    [Fact]
    public async Task GeneratedFile_HasAConstantPerCatalogCodeAndCorrectHelpers()
    {
        var compilation = await CompileAsync(ReplyCodesFile.Generate("Mail"));
        var type = compilation.GetTypeByMetadataName("Mail.SmtpReplyCodes")!;
        foreach (var code in ReplyCatalog.All)
        {
            var field = Assert.IsAssignableFrom<IFieldSymbol>(Assert.Single(type.GetMembers(code.Name)));
            Assert.Equal(code.Value, field.ConstantValue);
            Assert.Contains(code.Title, field.GetDocumentationCommentXml());
            Assert.Contains(code.Rfc, field.GetDocumentationCommentXml());
        }

        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        var assembly = System.Reflection.Assembly.Load(stream.ToArray());
        var helpers = assembly.GetType("Mail.SmtpReplyCodes")!;
        bool Call(string name, int reply) => (bool)helpers.GetMethod(name)!.Invoke(null, [reply])!;
        Assert.True(Call("IsTransient", 421));
        Assert.False(Call("IsTransient", 521));
        Assert.True(Call("IsPermanent", 554));
        Assert.False(Call("IsPermanent", 452));
        Assert.True(Call("IsPositive", 250));
        Assert.True(Call("IsIntermediate", 354));
        Assert.False(Call("IsPositive", 354));
        Assert.Equal(4, helpers.GetMethod("ClassOf")!.Invoke(null, [451]));
    }

    [Theory]
    [InlineData("My.Mail-App", "My.Mail_App")]
    [InlineData("2fa.Mailer", "_2fa.Mailer")]
    [InlineData("Mail.Event.Sender", "Mail.Event.Sender")]
    [InlineData("My.event.Sender", "My.@event.Sender")]
    [InlineData("", null)]
    public void DefaultNamespace_IsTheAssemblyNameMadeValid(string assemblyName, string? expected) =>
        Assert.Equal(expected, ReplyCodesFile.DefaultNamespace(CSharpCompilation.Create(assemblyName)));

    private static async Task<Compilation> CompileAsync(string source)
    {
        var references = await TestReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return CSharpCompilation.Create(
            "Generated",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(documentationMode: DocumentationMode.Diagnose))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1591", ReportDiagnostic.Warn)]));
    }
}
