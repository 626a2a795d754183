using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// A constants file that a fix adds, once, to a project without the class: its class name, the members it
/// defines and its writer. The generated files are the user's and depend on nothing from this package.
/// </summary>
internal sealed class ConstantsFile
{
    private readonly Func<string?, string> _generate;

    private ConstantsFile(string className, ImmutableHashSet<string> members, Func<string?, string> generate)
    {
        ClassName = className;
        Members = members;
        _generate = generate;
    }

    /// <summary><c>SmtpReplyCodes.cs</c>: reply codes and the helpers of class tests and reply lines.</summary>
    public static ConstantsFile ReplyCodes { get; } = new(ReplyCodesFile.ClassName, ReplyCodesFile.Members, ReplyCodesFile.Generate);

    /// <summary><c>SmtpEnhancedStatusCodes.cs</c>: enhanced status codes.</summary>
    public static ConstantsFile EnhancedStatusCodes { get; } =
        new(EnhancedStatusCodesFile.ClassName, EnhancedStatusCodesFile.Members, EnhancedStatusCodesFile.Generate);

    public string ClassName { get; }

    public string FileName => ClassName + ".cs";

    /// <summary>The names the generated class defines.</summary>
    public ImmutableHashSet<string> Members { get; }

    /// <summary>The whole file, for <paramref name="namespaceName"/> (null: the global namespace).</summary>
    public string Generate(string? namespaceName) => _generate(namespaceName);

    /// <summary>The project's own top-level class of that name, if it has one (the first by namespace).</summary>
    public INamedTypeSymbol? FindExisting(Compilation compilation) =>
        compilation.GetSymbolsWithName(name => name == ClassName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(type => type.ContainingType is null)
            .OrderBy(type => type.ContainingNamespace.ToDisplayString(), StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>
    /// The frame both generated files share: the ownership header, the optional namespace, and the
    /// documented <c>internal static class</c> whose members <paramref name="writeMembers"/> writes at the
    /// indentation it is given.
    /// </summary>
    internal static string Write(
        string? namespaceName,
        string origin,
        string[] classSummary,
        string className,
        Action<StringBuilder, string> writeMembers)
    {
        var indent = namespaceName is null ? string.Empty : "    ";
        var text = new StringBuilder();
        text.Append("// ").Append(origin).Append('\n');
        text.Append("// This file belongs to your project: edit it freely. It does not depend on SmtpAnalyzers.\n\n");
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
}
