using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// A test that an SMTP status equals one reply code: <c>ex.StatusCode == SmtpStatusCode.ServiceNotAvailable</c>,
/// <c>(int)ex.StatusCode != 421</c>, <c>code == 450</c> with <c>var code = (int)ex.StatusCode;</c>,
/// <c>ex.StatusCode is SmtpStatusCode.MailboxBusy</c>, <c>is not …</c>, or the subpattern
/// <c>{ StatusCode: SmtpStatusCode.ServiceNotAvailable }</c>. Found with symbol and constant queries only
/// (no operation tree), for the few conditions the transient-failure rules look at.
/// </summary>
internal sealed class StatusEquality
{
    private StatusEquality(SyntaxNode test, ExpressionSyntax? subject, bool subjectIsEnum, int value, bool negated)
    {
        Test = test;
        Subject = subject;
        SubjectIsEnum = subjectIsEnum;
        Value = value;
        Negated = negated;
    }

    /// <summary>The comparison, <c>is</c> expression or subpattern.</summary>
    public SyntaxNode Test { get; }

    /// <summary>The status as written (<c>ex.StatusCode</c>, <c>(int)ex.StatusCode</c>, <c>code</c>); null for a subpattern.</summary>
    public ExpressionSyntax? Subject { get; }

    /// <summary>True when <see cref="Subject"/> is a library <c>SmtpStatusCode</c>, false when it is already a number.</summary>
    public bool SubjectIsEnum { get; }

    /// <summary>The reply code compared with.</summary>
    public int Value { get; }

    /// <summary><c>!=</c> or <c>is not</c>: the test is true for every other code.</summary>
    public bool Negated { get; }

    /// <summary>The equality test <paramref name="node"/> is, or null.</summary>
    public static StatusEquality? From(SyntaxNode node, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                var negated = binary.IsKind(SyntaxKind.NotEqualsExpression);
                return Compared(binary, binary.Left, binary.Right, negated, model, symbols, cancellationToken)
                    ?? Compared(binary, binary.Right, binary.Left, negated, model, symbols, cancellationToken);

            // ex.StatusCode is SmtpStatusCode.MailboxBusy: a dotted name after 'is' parses as a type and binds as a constant.
            case BinaryExpressionSyntax isName when isName.IsKind(SyntaxKind.IsExpression):
                return Compared(isName, isName.Left, isName.Right, negated: false, model, symbols, cancellationToken);

            case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax constant } isPattern:
                return Compared(isPattern, isPattern.Expression, constant.Expression, negated: false, model, symbols, cancellationToken);

            case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax constant } } isNotPattern:
                return Compared(isNotPattern, isNotPattern.Expression, constant.Expression, negated: true, model, symbols, cancellationToken);

            case SubpatternSyntax { Pattern: ConstantPatternSyntax constant } subpattern
                when subpattern.ExpressionColon?.Expression is IdentifierNameSyntax { Identifier.ValueText: "StatusCode" }
                    || subpattern.NameColon?.Name.Identifier.ValueText == "StatusCode":
                return symbols.StatusLibraryOf(model.GetTypeInfo(constant.Expression, cancellationToken).Type) != StatusLibrary.None
                    && CodeOf(constant.Expression, model, cancellationToken) is { } value
                    ? new StatusEquality(subpattern, subject: null, subjectIsEnum: true, value, negated: false)
                    : null;

            default:
                return null;
        }
    }

    private static StatusEquality? Compared(
        SyntaxNode test, ExpressionSyntax subject, ExpressionSyntax code, bool negated, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (CodeOf(code, model, cancellationToken) is not { } value
            || model.GetConstantValue(subject, cancellationToken).HasValue)
        {
            return null;
        }

        return IsStatus(subject, model, symbols, cancellationToken) is { } isEnum
            ? new StatusEquality(test, subject, isEnum, value, negated)
            : null;
    }

    /// <summary>The reply code a constant stands for: an enum member or a number from 100 to 599.</summary>
    private static int? CodeOf(ExpressionSyntax code, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetConstantValue(code, cancellationToken) is { HasValue: true, Value: int value } && value >= 100 && value < 600
            ? value
            : null;

    /// <summary>True for a library status, false for a number holding one (a cast or a local initialized from a status), null otherwise.</summary>
    private static bool? IsStatus(ExpressionSyntax subject, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        subject = subject.WithoutParentheses();
        if (symbols.StatusLibraryOf(model.GetTypeInfo(subject, cancellationToken).Type) != StatusLibrary.None)
        {
            return true;
        }

        var origin = subject;
        if (subject is IdentifierNameSyntax
            && model.GetSymbolInfo(subject, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.Length == 1
            && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
        {
            // var code = (int)ex.StatusCode;
            origin = initializer.WithoutParentheses();
            if (origin.SyntaxTree != model.SyntaxTree)
            {
                return null;
            }
        }

        return origin is CastExpressionSyntax cast
            && symbols.StatusLibraryOf(model.GetTypeInfo(cast.Expression.WithoutParentheses(), cancellationToken).Type) != StatusLibrary.None
            && model.GetTypeInfo(subject, cancellationToken).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
                or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16
            ? false
            : null;
    }
}
