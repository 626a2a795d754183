using System;
using System.Collections.Immutable;
using System.Linq;
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
}
