using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmtpAnalyzers.Generators;

/// <summary>
/// One helper type of the package (<c>SmtpReplyCodes</c>, <c>SmtpEnhancedStatusCodes</c>, <c>SmtpFailures</c>):
/// its name, the members it defines and the one writer of its text. The source generator adds that text to
/// the compilation; with generation turned off, a fix adds the same text to the project as a file.
/// </summary>
internal sealed class HelperFile
{
    private readonly Func<HelperText, string> _generate;

    private HelperFile(string className, ImmutableHashSet<string> members, Func<HelperText, string> generate)
    {
        ClassName = className;
        Members = members;
        _generate = generate;
    }

    /// <summary><c>SmtpReplyCodes</c>: reply codes and the helpers of class tests and reply lines.</summary>
    public static HelperFile ReplyCodes { get; } = new(ReplyCodesFile.ClassName, ReplyCodesFile.Members, ReplyCodesFile.Generate);

    /// <summary><c>SmtpEnhancedStatusCodes</c>: enhanced status codes.</summary>
    public static HelperFile EnhancedStatusCodes { get; } =
        new(EnhancedStatusCodesFile.ClassName, EnhancedStatusCodesFile.Members, EnhancedStatusCodesFile.Generate);

    /// <summary><c>SmtpFailures</c>: the library-aware tests of a caught exception.</summary>
    public static HelperFile Failures { get; } = new(FailuresFile.ClassName, FailuresFile.Members, FailuresFile.Generate);

    public static ImmutableArray<HelperFile> All { get; } = ImmutableArray.Create(ReplyCodes, EnhancedStatusCodes, Failures);

    public string ClassName { get; }

    /// <summary>The name of the file a fix adds when generation is off.</summary>
    public string FileName => ClassName + ".cs";

    /// <summary>The name of the generated source.</summary>
    public string HintName => ClassName + ".g.cs";

    /// <summary>The names the class defines.</summary>
    public ImmutableHashSet<string> Members { get; }

    /// <summary>The whole text, as <paramref name="text"/> asks for it.</summary>
    public string Generate(HelperText text) => _generate(text);

    /// <summary>
    /// The type of this name that the compilation already has: a top-level type of its own source (the first
    /// by namespace; generated sources are part of the compilation in the IDE and in <c>dotnet format</c>), or
    /// else a type <c><paramref name="namespaceName"/>.ClassName</c> of a reference that the compilation can
    /// use (a public one, or an internal one whose assembly gives this one access).
    /// </summary>
    public INamedTypeSymbol? FindExisting(Compilation compilation, string? namespaceName) =>
        compilation.GetSymbolsWithName(name => name == ClassName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(type => type.ContainingType is null)
            .OrderBy(type => type.ContainingNamespace.ToDisplayString(), StringComparer.Ordinal)
            .FirstOrDefault()
        ?? FindReferenced(compilation, namespaceName);

    /// <summary>The type <c><paramref name="namespaceName"/>.ClassName</c> of a reference that the compilation can use.</summary>
    public INamedTypeSymbol? FindReferenced(Compilation compilation, string? namespaceName)
    {
        var metadataName = MetadataName(namespaceName);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.GetTypeByMetadataName(metadataName) is { } type && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                return type;
            }
        }

        return null;
    }

    private string MetadataName(string? namespaceName) =>
        (namespaceName is null ? string.Empty : namespaceName.Replace("@", string.Empty) + ".") + ClassName;

    /// <summary>
    /// <paramref name="name"/> (a root namespace or an assembly name) made into a valid namespace: each part an
    /// identifier (invalid characters become <c>_</c>, a leading digit gets one, a keyword an <c>@</c>); null
    /// (the global namespace) when nothing is left.
    /// </summary>
    public static string? NamespaceFrom(string? name)
    {
        var parts = (name ?? string.Empty)
            .Split('.')
            .Select(part => Identifier(part.Trim()))
            .Where(part => part.Length > 0)
            .ToArray();
        return parts.Length == 0 ? null : string.Join(".", parts);
    }

    /// <summary>
    /// The frame every helper text shares: the header, the optional namespace, and the documented
    /// <c>internal static class</c> whose members <paramref name="writeMembers"/> writes at the indentation it
    /// is given.
    /// </summary>
    internal static string Write(
        HelperText options,
        string origin,
        string[] classSummary,
        string className,
        Action<StringBuilder, string> writeMembers)
    {
        var namespaceName = options.Namespace;
        var indent = namespaceName is null ? string.Empty : "    ";
        var text = new StringBuilder();
        if (options.Generated)
        {
            text.Append("// <auto-generated/>\n");
            text.Append("// ").Append(origin).Append(", generated by SmtpAnalyzers from its catalog.\n");
            text.Append("// To own this code, copy it into the project and set <SmtpAnalyzersGenerateHelpers>false</SmtpAnalyzersGenerateHelpers>.\n\n");
        }
        else
        {
            text.Append("// ").Append(origin).Append(", written by an SmtpAnalyzers code fix from its catalog.\n");
            text.Append("// This file belongs to your project: edit it freely. It does not depend on SmtpAnalyzers.\n\n");
        }

        if (namespaceName is not null)
        {
            text.Append("namespace ").Append(namespaceName).Append("\n{\n");
        }

        foreach (var line in classSummary)
        {
            Line(text, indent, line);
        }

        Line(text, indent, "internal static class " + className);
        Line(text, indent, "{");
        writeMembers(text, indent + "    ");
        Line(text, indent, "}");
        if (namespaceName is not null)
        {
            text.Append("}\n");
        }

        return text.ToString();
    }

    internal static void Line(StringBuilder text, string indent, string line) => text.Append(indent).Append(line).Append('\n');

    internal static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Identifier(string part)
    {
        var identifier = new StringBuilder();
        foreach (var c in part.StartsWith("@", StringComparison.Ordinal) ? part.Substring(1) : part)
        {
            identifier.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (identifier.Length > 0 && char.IsDigit(identifier[0]))
        {
            identifier.Insert(0, '_');
        }

        var text = identifier.ToString();
        return SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None ? "@" + text : text;
    }
}
