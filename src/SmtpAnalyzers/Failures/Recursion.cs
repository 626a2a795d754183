using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// A retry by recursion: a handler that calls the method (or local function) holding it again, so the send runs
/// again like in a loop. The call is found by its name in the handler and decided by its symbol.
/// </summary>
internal static class Recursion
{
    /// <summary>The method or local function <paramref name="node"/> runs in, or null inside a lambda or outside a member.</summary>
    public static SyntaxNode? EnclosingFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    return current;
                case AnonymousFunctionExpressionSyntax or TypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The name of a function <see cref="EnclosingFunction"/> returns.</summary>
    public static string? NameOf(SyntaxNode? function) => function switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        LocalFunctionStatementSyntax local => local.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether <paramref name="invocation"/> calls <paramref name="function"/> (whose name it has) again.</summary>
    public static bool Calls(InvocationExpressionSyntax invocation, SyntaxNode function, SemanticModel model, CancellationToken cancellationToken) =>
        Sends.InvokedName(invocation) is { } name
        && name == NameOf(function)
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol called
        && model.GetDeclaredSymbol(function, cancellationToken) is IMethodSymbol declared
        && SymbolEqualityComparer.Default.Equals(called.OriginalDefinition, declared.OriginalDefinition);

    /// <summary>The first call in <paramref name="scope"/> (not in its nested functions) of the function holding it, or null.</summary>
    public static InvocationExpressionSyntax? RecursiveCallIn(SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken)
    {
        if (EnclosingFunction(scope) is not { } function
            || NameOf(function) is not { } name
            || !TextSearch.MaySpell(scope, [name]))
        {
            return null;
        }

        foreach (var node in OwnCode.OwnNodes(scope))
        {
            if (node is InvocationExpressionSyntax invocation && Calls(invocation, function, model, cancellationToken))
            {
                return invocation;
            }
        }

        return null;
    }
}
