using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// A generated constants class a fix refers to in one project (<c>SmtpReplyCodes</c>,
/// <c>SmtpEnhancedStatusCodes</c>): the project's own class when it has one, otherwise the generated one,
/// whose file <see cref="AddFileIfUsed"/> adds after the fix used it.
/// </summary>
internal sealed class ConstantsClass
{
    private readonly ConstantsFile _file;
    private readonly INamedTypeSymbol? _existing;

    private ConstantsClass(ConstantsFile file, INamedTypeSymbol? existing, string? namespaceName)
    {
        _file = file;
        _existing = existing;
        Namespace = namespaceName;
    }

    /// <summary>The class's namespace; null for the global namespace.</summary>
    public string? Namespace { get; }

    /// <summary>True once a reference was written to a class that does not exist yet.</summary>
    public bool NeedsFile { get; private set; }

    public static ConstantsClass For(ConstantsFile file, Compilation compilation)
    {
        var existing = file.FindExisting(compilation);
        return existing is null
            ? new ConstantsClass(file, null, ReplyCodesFile.DefaultNamespace(compilation))
            : new ConstantsClass(file, existing, existing.ContainingNamespace.IsGlobalNamespace ? null : existing.ContainingNamespace.ToDisplayString());
    }

    /// <summary>
    /// True when the class has (or, once generated, will have) <paramref name="member"/>. A class the user
    /// wrote may lack a constant or helper: then no fix is offered rather than one that does not compile.
    /// </summary>
    public bool Has(string member) =>
        _existing is null ? _file.Members.Contains(member) : !_existing.GetMembers(member).IsEmpty;

    /// <summary>
    /// <c>Class.<paramref name="member"/></c>, fully qualified and annotated so that cleanup
    /// adds the using directive and shortens it.
    /// </summary>
    public SyntaxNode Reference(string member) =>
        SyntaxFactory.ParseExpression(QualifiedName(member))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// <c>global::Namespace.Class.<paramref name="member"/></c>, for a fix that writes a larger expression;
    /// the fix annotates that expression for cleanup as <see cref="Reference"/> does.
    /// </summary>
    public string QualifiedName(string member)
    {
        NeedsFile |= _existing is null;
        return "global::" + (Namespace is null ? string.Empty : Namespace + ".") + _file.ClassName + "." + member;
    }

    /// <summary>Adds the generated file beside the project file when a fix referred to the class.</summary>
    public Solution AddFileIfUsed(Project project)
    {
        if (!NeedsFile || project.Documents.Any(document => document.Name == _file.FileName))
        {
            return project.Solution;
        }

        var directory = project.FilePath is null ? null : System.IO.Path.GetDirectoryName(project.FilePath);
        return project.AddDocument(
                _file.FileName,
                SourceText.From(_file.Generate(Namespace), System.Text.Encoding.UTF8),
                filePath: directory is null ? null : System.IO.Path.Combine(directory, _file.FileName))
            .Project.Solution;
    }
}
