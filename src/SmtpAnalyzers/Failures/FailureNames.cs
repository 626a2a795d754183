using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// The names that stand for a caught send failure in the code that decides about it: the exception's
/// variable (<c>ex</c> in <c>catch (SmtpCommandException ex)</c> or in <c>Handle&lt;SmtpCommandException&gt;(ex =&gt; …)</c>),
/// the variables a type test declares for it (<c>c</c> in <c>ex is SmtpCommandException c</c>), the variables
/// assigned its status (<c>var code = (int)ex.StatusCode;</c>) and the variables assigned anything else computed
/// from it (<c>var permanent = code &gt;= 500;</c>, <c>last = ex;</c>).
/// </summary>
internal sealed class FailureNames
{
    private readonly HashSet<string> _exceptions = [];
    private readonly HashSet<string> _statuses = [];
    private readonly HashSet<string> _derived = [];

    private FailureNames(string? exception)
    {
        if (exception is not null)
        {
            _exceptions.Add(exception);
        }
    }

    /// <summary>The names of a lambda's or catch clause's exception alone.</summary>
    public static FailureNames Of(string? exception) => new(exception);

    /// <summary>
    /// The names a catch clause's <c>when</c> filter sees: the exception's variable (none when the clause names no
    /// variable) and those its type tests in the filter declare, not the variables the clause's block assigns.
    /// </summary>
    public static FailureNames OfFilter(CatchClauseSyntax catchClause)
    {
        var names = new FailureNames(catchClause.Declaration?.Identifier.ValueText is { Length: > 0 } name ? name : null);
        if (catchClause.Filter is { } filter)
        {
            foreach (var node in filter.FilterExpression.DescendantNodesAndSelf())
            {
                names.AddTypeTestVariable(node);
            }
        }

        return names;
    }

    /// <summary>The names of a catch clause's exception, with the variables its filter and block declare or assign from it.</summary>
    public static FailureNames Of(CatchClauseSyntax catchClause)
    {
        var names = OfFilter(catchClause);
        if (names._exceptions.Count == 0)
        {
            return names;
        }

        // In text order, so that a variable computed from an earlier one is seen after it.
        foreach (var node in OwnCode.OwnNodes(catchClause.Block))
        {
            names.AddTypeTestVariable(node);
            var (assigned, value) = node switch
            {
                VariableDeclaratorSyntax { Initializer: { } initializer } declarator => (declarator.Identifier.ValueText, initializer.Value),
                AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment => (AssignedName(assignment.Left), assignment.Right),
                _ => (null, null),
            };
            if (assigned is null || value is null || !names.Mentions(value))
            {
                continue;
            }

            (names.IsStatus(value) ? names._statuses : names._derived).Add(assigned);
        }

        return names;
    }

    /// <summary>Whether <paramref name="node"/> refers to the failure or to something computed from it.</summary>
    public bool Mentions(SyntaxNode node)
    {
        foreach (var descendant in node.DescendantNodesAndSelf())
        {
            if (descendant is IdentifierNameSyntax identifier && IsName(identifier.Identifier.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="node"/> is a reference to one of the names.</summary>
    public bool IsReference(IdentifierNameSyntax node) => IsName(node.Identifier.ValueText);

    /// <summary>Whether <paramref name="expression"/> is the caught exception itself (<c>ex</c>, <c>(ex)</c>, or a variable a type test declared for it).</summary>
    public bool IsException(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression is IdentifierNameSyntax identifier && _exceptions.Contains(identifier.Identifier.ValueText);
    }

    /// <summary>
    /// Whether <paramref name="expression"/> is the failure's reply status: <c>ex.StatusCode</c>, a variable
    /// assigned it, either through casts and parentheses (<c>(int)ex.StatusCode</c>).
    /// </summary>
    public bool IsStatus(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StatusCode", Expression: var owner }:
                    return IsException(owner);
                case IdentifierNameSyntax identifier:
                    return _statuses.Contains(identifier.Identifier.ValueText);
                default:
                    return false;
            }
        }
    }

    /// <summary>Adds <c>c</c> when <paramref name="node"/> is a type test of the exception that declares it: <c>ex is SmtpCommandException c</c>.</summary>
    private void AddTypeTestVariable(SyntaxNode node)
    {
        if (node is IsPatternExpressionSyntax { Pattern: DeclarationPatternSyntax { Designation: SingleVariableDesignationSyntax variable } } test
            && IsException(test.Expression))
        {
            _exceptions.Add(variable.Identifier.ValueText);
        }
    }

    private bool IsName(string name) =>
        _exceptions.Contains(name) || _statuses.Contains(name) || _derived.Contains(name);

    private static string? AssignedName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
