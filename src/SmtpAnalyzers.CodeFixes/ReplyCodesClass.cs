using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// The <c>SmtpReplyCodes</c> class a fix refers to in one project: the project's own class when it has
/// one, otherwise the generated one, whose file <see cref="AddFileIfUsed"/> adds after the fix used it.
/// </summary>
internal sealed class ReplyCodesClass
{
    private readonly INamedTypeSymbol? _existing;

    private ReplyCodesClass(INamedTypeSymbol? existing, string? namespaceName)
    {
        _existing = existing;
        Namespace = namespaceName;
    }

    /// <summary>The class's namespace; null for the global namespace.</summary>
    public string? Namespace { get; }

    /// <summary>True once a reference was written to a class that does not exist yet.</summary>
    public bool NeedsFile { get; private set; }

    public static ReplyCodesClass For(Compilation compilation)
    {
        var existing = ReplyCodesFile.FindExisting(compilation);
        return existing is null
            ? new ReplyCodesClass(null, ReplyCodesFile.DefaultNamespace(compilation))
            : new ReplyCodesClass(existing, existing.ContainingNamespace.IsGlobalNamespace ? null : existing.ContainingNamespace.ToDisplayString());
    }

    /// <summary>
    /// True when the class has (or, once generated, will have) <paramref name="member"/>. A class the user
    /// wrote may lack a constant or helper: then no fix is offered rather than one that does not compile.
    /// </summary>
    public bool Has(string member) =>
        _existing is null ? ReplyCodesFile.Members.Contains(member) : !_existing.GetMembers(member).IsEmpty;

    /// <summary>
    /// <c>SmtpReplyCodes.<paramref name="member"/></c>, fully qualified and annotated so that cleanup
    /// adds the using directive and shortens it.
    /// </summary>
    public SyntaxNode Reference(string member)
    {
        NeedsFile |= _existing is null;
        return SyntaxFactory.ParseExpression(
                "global::" + (Namespace is null ? string.Empty : Namespace + ".") + ReplyCodesFile.ClassName + "." + member)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    /// <summary>Adds the generated <c>SmtpReplyCodes.cs</c> beside the project file when a fix referred to it.</summary>
    public Solution AddFileIfUsed(Project project)
    {
        if (!NeedsFile || project.Documents.Any(document => document.Name == ReplyCodesFile.FileName))
        {
            return project.Solution;
        }

        var directory = project.FilePath is null ? null : System.IO.Path.GetDirectoryName(project.FilePath);
        return project.AddDocument(
                ReplyCodesFile.FileName,
                SourceText.From(ReplyCodesFile.Generate(Namespace), System.Text.Encoding.UTF8),
                filePath: directory is null ? null : System.IO.Path.Combine(directory, ReplyCodesFile.FileName))
            .Project.Solution;
    }
}
