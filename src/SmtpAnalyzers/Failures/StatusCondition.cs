using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.Failures;

/// <summary>One condition on a caught failure, as written, or its negation (the path where it was false).</summary>
internal readonly struct StatusCondition
{
    public StatusCondition(ExpressionSyntax expression, FailureNames names, bool negated = false)
    {
        Expression = expression;
        Names = names;
        Negated = negated;
    }

    public ExpressionSyntax Expression { get; }

    public FailureNames Names { get; }

    public bool Negated { get; }

    /// <summary>
    /// The first permanent (5xx) reply code of the catalog for which all <paramref name="conditions"/> can hold
    /// together, or null when none can or when that depends on something the evaluation cannot judge.
    /// </summary>
    /// <remarks>
    /// Each condition is evaluated for each 5xx code in three-valued logic: comparisons, class arithmetic
    /// (<c>/ 100</c>, <c>% 100</c>) and patterns on the status with constants are computed, and so are type tests of
    /// the exception (<c>ex is SmtpCommandException</c>) when <paramref name="failure"/> says which exception carries the
    /// status; a part that does not mention the failure (<c>attempt &lt; 3</c>) can be either true or false; anything else that mentions
    /// it (<c>SmtpReplyCodes.IsTransient(code)</c>, <c>ex.Message.Contains(…)</c>) is unknown, and an unknown
    /// outcome never counts as admitting the code.
    /// </remarks>
    public static ReplyCode? FirstPermanentAdmitted(IReadOnlyList<StatusCondition> conditions, INamedTypeSymbol? failure, SemanticModel model, CancellationToken cancellationToken)
    {
        var evaluation = new Evaluation(model, failure, cancellationToken);
        foreach (var code in ReplyCatalog.All)
        {
            if (code.Class == ReplyClass.PermanentNegative && evaluation.Admits(conditions, code.Value))
            {
                return code;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether all <paramref name="conditions"/> can hold together for a failure with reply <paramref name="status"/>,
    /// evaluated as <see cref="FirstPermanentAdmitted"/> does: an unknown outcome never counts as admitting it.
    /// </summary>
    public static bool Admits(IReadOnlyList<StatusCondition> conditions, int status, SemanticModel model, CancellationToken cancellationToken) =>
        new Evaluation(model, failure: null, cancellationToken).Admits(conditions, status);

    /// <summary>
    /// Whether <paramref name="condition"/> selects transient replies only: it holds for a 4xx reply code of the catalog
    /// and surely fails for every 5xx one (<c>(int)ex.StatusCode / 100 == 4</c>, <c>ex.StatusCode == SmtpStatusCode.MailboxBusy</c>).
    /// </summary>
    public static bool SelectsOnlyTransient(StatusCondition condition, SemanticModel model, CancellationToken cancellationToken)
    {
        var evaluation = new Evaluation(model, failure: null, cancellationToken);
        var selectsTransient = false;
        foreach (var code in ReplyCatalog.All)
        {
            if (code.Class is not (ReplyClass.TransientNegative or ReplyClass.PermanentNegative))
            {
                continue;
            }

            var outcome = evaluation.Test(condition, code.Value);
            if (code.Class == ReplyClass.PermanentNegative && outcome != Outcome.False)
            {
                return false;
            }

            selectsTransient |= code.Class == ReplyClass.TransientNegative && outcome == Outcome.True;
        }

        return selectsTransient;
    }

    /// <summary>The outcomes a condition can have for one status: a set of true, false and unknown.</summary>
    [Flags]
    private enum Outcome
    {
        True = 1,
        False = 2,
        Unknown = 4,
        Either = True | False,
    }

    /// <summary>
    /// One evaluation of conditions for many statuses. The same nodes are asked about for every status, so what does
    /// not depend on the status is computed once: whether a node mentions the failure, and each constant's value.
    /// <paramref name="failure"/> is the type of the exception that carries the status, when type tests are to be
    /// judged (a clause that catches a base type such as <c>Exception</c>); null leaves them unknown.
    /// </summary>
    private sealed class Evaluation(SemanticModel model, INamedTypeSymbol? failure, CancellationToken cancellationToken)
    {
        private readonly Dictionary<(FailureNames, SyntaxNode), bool> _mentions = [];
        private readonly Dictionary<ExpressionSyntax, Optional<object?>> _constants = [];

        public bool Admits(IReadOnlyList<StatusCondition> conditions, int status)
        {
            var outcome = Outcome.True;
            foreach (var condition in conditions)
            {
                outcome = And(outcome, Test(condition, status));
            }

            return (outcome & Outcome.True) != 0;
        }

        /// <summary>The outcomes of <paramref name="condition"/> (negated when it is) for a failure with reply <paramref name="status"/>.</summary>
        public Outcome Test(StatusCondition condition, int status)
        {
            var outcome = Test(condition.Expression, condition.Names, status);
            return condition.Negated ? Not(outcome) : outcome;
        }

        private bool Mentions(FailureNames names, SyntaxNode node)
        {
            if (!_mentions.TryGetValue((names, node), out var mentions))
            {
                mentions = names.Mentions(node);
                _mentions.Add((names, node), mentions);
            }

            return mentions;
        }

        private Optional<object?> ConstantValue(ExpressionSyntax expression)
        {
            if (!_constants.TryGetValue(expression, out var value))
            {
                value = model.GetConstantValue(expression, cancellationToken);
                _constants.Add(expression, value);
            }

            return value;
        }

        private Outcome Test(ExpressionSyntax expression, FailureNames names, int status)
        {
            if (!Mentions(names, expression))
            {
                return ConstantValue(expression) is { HasValue: true, Value: bool constant }
                    ? constant ? Outcome.True : Outcome.False
                    : Outcome.Either;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Test(parenthesized.Expression, names, status);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    return Not(Test(not.Operand, names, status));
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                    return And(Test(and.Left, names, status), Test(and.Right, names, status));
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or:
                    return Not(And(Not(Test(or.Left, names, status)), Not(Test(or.Right, names, status))));
                case BinaryExpressionSyntax comparison when OwnCode.IsComparison(comparison.Kind()):
                    return Number(comparison.Left, names, status) is { } left
                        && Number(comparison.Right, names, status) is { } right
                        ? Of(Compare(comparison.Kind(), left, right))
                        : Outcome.Unknown;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression, Right: TypeSyntax type } isType when names.IsException(isType.Left):
                    return IsFailure(type);
                case IsPatternExpressionSyntax isPattern when names.IsException(isPattern.Expression):
                    return MatchType(isPattern.Pattern);
                case IsPatternExpressionSyntax isPattern:
                    return Number(isPattern.Expression, names, status) is { } value
                        ? Match(isPattern.Pattern, value)
                        : Outcome.Unknown;
                default:
                    return Outcome.Unknown;
            }
        }

        /// <summary>
        /// Whether the failure is of <paramref name="type"/>: true for the failure's type or a base of it, false for a
        /// class unrelated to it (<c>IOException</c>), unknown for a subtype (which the failure may or may not be) or an interface.
        /// </summary>
        private Outcome IsFailure(TypeSyntax type)
        {
            if (failure is null || model.GetTypeInfo(type, cancellationToken).Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } tested)
            {
                return Outcome.Unknown;
            }

            return SmtpSymbols.InheritsFrom(failure, tested) ? Outcome.True
                : SmtpSymbols.InheritsFrom(tested, failure) ? Outcome.Unknown
                : Outcome.False;
        }

        /// <summary>A pattern on the exception itself, for the failure: type, declaration, <c>not</c>/<c>and</c>/<c>or</c> patterns of them.</summary>
        private Outcome MatchType(PatternSyntax pattern) => pattern switch
        {
            TypePatternSyntax typePattern => IsFailure(typePattern.Type),
            DeclarationPatternSyntax declaration => IsFailure(declaration.Type),
            RecursivePatternSyntax { Type: { } type, PositionalPatternClause: null, PropertyPatternClause: null or { Subpatterns.Count: 0 } } => IsFailure(type),
            RecursivePatternSyntax { Type: { } type } => IsFailure(type) == Outcome.False ? Outcome.False : Outcome.Unknown,
            UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } not => Not(MatchType(not.Pattern)),
            BinaryPatternSyntax { RawKind: (int)SyntaxKind.AndPattern } and => And(MatchType(and.Left), MatchType(and.Right)),
            BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } or => Not(And(Not(MatchType(or.Left)), Not(MatchType(or.Right)))),
            ParenthesizedPatternSyntax parenthesized => MatchType(parenthesized.Pattern),
            _ => Outcome.Unknown,
        };

        /// <summary>The value of a numeric expression for one status, or null when it cannot be computed.</summary>
        private long? Number(ExpressionSyntax expression, FailureNames names, int status)
        {
            if (names.IsStatus(expression))
            {
                return status;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Number(parenthesized.Expression, names, status);
                case CastExpressionSyntax cast when Mentions(names, cast.Expression):
                    return Number(cast.Expression, names, status);
                case BinaryExpressionSyntax binary when Mentions(names, binary):
                    if (Number(binary.Left, names, status) is not { } left
                        || Number(binary.Right, names, status) is not { } right)
                    {
                        return null;
                    }

                    return binary.Kind() switch
                    {
                        SyntaxKind.DivideExpression when right != 0 => left / right,
                        SyntaxKind.ModuloExpression when right != 0 => left % right,
                        SyntaxKind.AddExpression => left + right,
                        SyntaxKind.SubtractExpression => left - right,
                        SyntaxKind.MultiplyExpression => left * right,
                        _ => null,
                    };
                default:
                    return Constant(expression);
            }
        }

        /// <summary>An integer or enum constant (<c>550</c>, <c>SmtpStatusCode.MailboxUnavailable</c>), or null.</summary>
        private long? Constant(ExpressionSyntax expression) =>
            ConstantValue(expression) is { HasValue: true, Value: { } value }
                && value is int or long or short or sbyte or byte or ushort or uint
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : null;

        private Outcome Match(PatternSyntax pattern, long value)
        {
            switch (pattern)
            {
                case ConstantPatternSyntax constant:
                    return Constant(constant.Expression) is { } expected ? Of(value == expected) : Outcome.Unknown;
                case RelationalPatternSyntax relational:
                    var kind = relational.OperatorToken.Kind() switch
                    {
                        SyntaxKind.LessThanToken => SyntaxKind.LessThanExpression,
                        SyntaxKind.LessThanEqualsToken => SyntaxKind.LessThanOrEqualExpression,
                        SyntaxKind.GreaterThanToken => SyntaxKind.GreaterThanExpression,
                        _ => SyntaxKind.GreaterThanOrEqualExpression,
                    };
                    return Constant(relational.Expression) is { } bound ? Of(Compare(kind, value, bound)) : Outcome.Unknown;
                case BinaryPatternSyntax { RawKind: (int)SyntaxKind.AndPattern } and:
                    return And(Match(and.Left, value), Match(and.Right, value));
                case BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } or:
                    return Not(And(Not(Match(or.Left, value)), Not(Match(or.Right, value))));
                case UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } not:
                    return Not(Match(not.Pattern, value));
                case ParenthesizedPatternSyntax parenthesized:
                    return Match(parenthesized.Pattern, value);
                case DiscardPatternSyntax:
                    return Outcome.True;
                default:
                    return Outcome.Unknown;
            }
        }
    }

    private static bool Compare(SyntaxKind kind, long left, long right) => kind switch
    {
        SyntaxKind.EqualsExpression => left == right,
        SyntaxKind.NotEqualsExpression => left != right,
        SyntaxKind.LessThanExpression => left < right,
        SyntaxKind.LessThanOrEqualExpression => left <= right,
        SyntaxKind.GreaterThanExpression => left > right,
        _ => left >= right,
    };

    private static Outcome Of(bool value) => value ? Outcome.True : Outcome.False;

    private static Outcome Not(Outcome outcome) =>
        (outcome & Outcome.Unknown) | ((outcome & Outcome.True) != 0 ? Outcome.False : 0) | ((outcome & Outcome.False) != 0 ? Outcome.True : 0);

    /// <summary>Kleene's "and" over every pair of possible outcomes: false wins, then unknown.</summary>
    private static Outcome And(Outcome left, Outcome right)
    {
        Outcome result = 0;
        if ((left & Outcome.False) != 0 || (right & Outcome.False) != 0)
        {
            result |= Outcome.False;
        }

        if ((left & Outcome.True) != 0 && (right & Outcome.True) != 0)
        {
            result |= Outcome.True;
        }

        if (((left & Outcome.Unknown) != 0 && (right & (Outcome.True | Outcome.Unknown)) != 0)
            || ((right & Outcome.Unknown) != 0 && (left & Outcome.True) != 0))
        {
            result |= Outcome.Unknown;
        }

        return result;
    }
}
