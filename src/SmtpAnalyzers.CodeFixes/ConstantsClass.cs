using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.Generators;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// A helper class a fix refers to in one project (<c>SmtpReplyCodes</c>, <c>SmtpEnhancedStatusCodes</c>,
/// <c>SmtpFailures</c>): the one the compilation already has (the package's generated type, the project's
/// own, or one a referenced project lets it see), otherwise, when generation is off, the same text as a file
/// that <see cref="AddFileIfUsed"/> adds in the project's root namespace after the fix used it.
/// </summary>
internal sealed class ConstantsClass
{
    private readonly HelperFile _file;
    private readonly INamedTypeSymbol? _existing;
    private readonly HelperText _text;

    private ConstantsClass(HelperFile file, INamedTypeSymbol? existing, string? namespaceName, HelperText text)
    {
        _file = file;
        _existing = existing;
        _text = text;
        Namespace = namespaceName;
    }

    /// <summary>The class's namespace; null for the global namespace.</summary>
    public string? Namespace { get; }

    /// <summary>True once a reference was written to a class that does not exist yet.</summary>
    public bool NeedsFile { get; private set; }

    public static ConstantsClass For(HelperFile file, Compilation compilation, Project project, SmtpSymbols symbols)
    {
        var rootNamespace = RootNamespace(compilation, project);
        var existing = file.FindExisting(compilation, rootNamespace);
        return existing is null
            ? new ConstantsClass(file, null, rootNamespace, new HelperText(rootNamespace, generated: false, symbols.MailKitCommandException is not null, symbols.SystemNetMailException is not null))
            : new ConstantsClass(file, existing, existing.ContainingNamespace.IsGlobalNamespace ? null : existing.ContainingNamespace.ToDisplayString(), default);
    }

    /// <summary>
    /// The project's root namespace, as the generator reads it (<c>build_property.RootNamespace</c>), else the
    /// workspace's default namespace of the project, else the assembly name; each made a valid namespace.
    /// </summary>
    private static string? RootNamespace(Compilation compilation, Project project)
    {
        if (project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(HelperTypesGenerator.RootNamespaceProperty, out var configured)
            && HelperFile.NamespaceFrom(configured) is { } fromProperty)
        {
            return fromProperty;
        }

        return HelperFile.NamespaceFrom(project.DefaultNamespace) ?? HelperFile.NamespaceFrom(compilation.AssemblyName);
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

    /// <summary>Adds the file beside the project file when a fix referred to a class the compilation does not have.</summary>
    public Solution AddFileIfUsed(Project project)
    {
        if (!NeedsFile || project.Documents.Any(document => document.Name == _file.FileName))
        {
            return project.Solution;
        }

        var directory = project.FilePath is null ? null : System.IO.Path.GetDirectoryName(project.FilePath);
        return project.AddDocument(
                _file.FileName,
                SourceText.From(_file.Generate(_text), System.Text.Encoding.UTF8),
                filePath: directory is null ? null : System.IO.Path.Combine(directory, _file.FileName))
            .Project.Solution;
    }
}
