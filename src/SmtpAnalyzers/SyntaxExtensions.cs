using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers;

/// <summary>Small syntax questions several analyzers ask.</summary>
internal static class SyntaxExtensions
{
    /// <summary>The expression inside any parentheses around it: <c>code</c> for <c>((code))</c>.</summary>
    public static ExpressionSyntax WithoutParentheses(this ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }
}
