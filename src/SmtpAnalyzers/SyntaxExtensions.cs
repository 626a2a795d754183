using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    /// <summary>
    /// Whether <paramref name="token"/> is an <c>int</c> literal, and its value. Read from the digits when the
    /// literal is plain decimal digits, as reply codes are written: the token's <c>Value</c> boxes the number
    /// each time it is asked, and the analyzers ask about every literal of every file that mentions SMTP.
    /// </summary>
    public static bool IsInt32(this SyntaxToken token, out int value)
    {
        if (token.RawKind != (int)SyntaxKind.NumericLiteralToken)
        {
            value = 0;
            return false;
        }

        var text = token.Text;
        var isDecimal = text.Length is > 0 and <= 9;
        var number = 0;
        for (var i = 0; isDecimal && i < text.Length; i++)
        {
            isDecimal = text[i] is >= '0' and <= '9';
            number = (number * 10) + (text[i] - '0');
        }

        if (isDecimal)
        {
            value = number;
            return true;
        }

        // Hexadecimal, binary, with separators or a suffix: as the compiler reads it.
        if (token.Value is int parsed)
        {
            value = parsed;
            return true;
        }

        value = 0;
        return false;
    }
}
