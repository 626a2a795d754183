using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers;

/// <summary>
/// The driver's rule for diagnostics in generated code, applied by the analyzers themselves. Every analyzer of the
/// package asks the driver to report in generated code (<c>GeneratedCodeAnalysisFlags.ReportDiagnostics</c>), skips
/// the files the driver considers generated (a generated name or header, or <c>generated_code</c> in .editorconfig),
/// and drops a diagnostic here when a declaration around it carries <c>[GeneratedCode]</c>.
/// </summary>
/// <remarks>
/// With the default flags the driver checks every reported diagnostic itself: it walks all tokens of the
/// diagnostic's file once looking for a <c>[GeneratedCode]</c> attribute and takes a lock shared by all analyzers,
/// and the first diagnostic in each member cost about 50 µs in the benchmark (60 ms for SMTP102's 1,175). Here the
/// walk goes up from the diagnostic only, and binds a declaration only when it carries attributes.
/// </remarks>
internal static class GeneratedDeclarations
{
    /// <summary>
    /// Whether a declaration around <paramref name="position"/> carries <c>[GeneratedCode]</c> and is the symbol's only
    /// declaration (a partial type with another part elsewhere is not generated).
    /// </summary>
    public static bool Contain(int position, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (symbols.GeneratedCodeAttribute is not { } generatedCode)
        {
            return false;
        }

        SyntaxNode? declarator = null;
        for (var node = model.SyntaxTree.GetRoot(cancellationToken).FindToken(position).Parent; node is not null; node = node.Parent)
        {
            if (node is VariableDeclaratorSyntax)
            {
                declarator = node;
                continue;
            }

            var attributes = node switch
            {
                MemberDeclarationSyntax member => member.AttributeLists,
                AccessorDeclarationSyntax accessor => accessor.AttributeLists,
                _ => default,
            };
            if (attributes.Count == 0)
            {
                continue;
            }

            var declared = node is BaseFieldDeclarationSyntax
                ? declarator is null ? null : model.GetDeclaredSymbol(declarator, cancellationToken)
                : model.GetDeclaredSymbol(node, cancellationToken);
            if (declared is { DeclaringSyntaxReferences.Length: 1 } && IsMarked(declared, generatedCode))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMarked(ISymbol declared, INamedTypeSymbol generatedCode)
    {
        foreach (var attribute in declared.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, generatedCode))
            {
                return true;
            }
        }

        return false;
    }
}
