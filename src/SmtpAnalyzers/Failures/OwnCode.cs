using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.Failures;

/// <summary>The code that runs as part of a scope (not in a function nested in it), and small syntax questions about it.</summary>
internal static class OwnCode
{
    /// <summary>
    /// The nodes of <paramref name="scope"/> that run as part of it: nested lambdas, anonymous methods
    /// and local functions are left out.
    /// </summary>
    public static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode scope) =>
        scope.DescendantNodes(node => node == scope || !IsFunction(node));

    /// <summary>
    /// Whether <paramref name="node"/> sits in a lambda that is converted to an expression tree
    /// (<c>BackgroundJob.Enqueue(() =&gt; sender.SendEmailAsync(…))</c>): data handed to a library that runs it later,
    /// never run where it is written.
    /// </summary>
    public static bool IsInExpressionTree(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        for (var current = node.Parent; current is not null and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is LambdaExpressionSyntax lambda
                && model.GetTypeInfo(lambda, cancellationToken).ConvertedType is INamedTypeSymbol
                {
                    Name: "Expression",
                    ContainingNamespace: { Name: "Expressions", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
                })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the member that <paramref name="node"/> belongs to ends here (nothing above it runs it).</summary>
    public static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    /// <summary>Whether <paramref name="name"/> contains one of <paramref name="parts"/>, ignoring case.</summary>
    public static bool NameContains(string? name, params string[] parts)
    {
        if (name is null)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="kind"/> is a relational or equality comparison.</summary>
    public static bool IsComparison(SyntaxKind kind) => kind
        is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
        or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression
        or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression;
}
