using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Catalog;

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
        var tests = new Evaluation(model, failure, cancellationToken).Compile(conditions);
        foreach (var code in ReplyCatalog.All)
        {
            if (code.Class == ReplyClass.PermanentNegative && Admits(tests, code.Value))
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
        Admits(new Evaluation(model, failure: null, cancellationToken).Compile(conditions), status);

    // Whether all the compiled conditions can hold together for the status: an unknown outcome never counts.
    private static bool Admits(Test[] tests, int status)
    {
        var outcome = Outcome.True;
        foreach (var test in tests)
        {
            outcome = And(outcome, test(status));
        }

        return (outcome & Outcome.True) != 0;
    }

    /// <summary>
    /// Whether <paramref name="condition"/> selects transient replies only: it holds for a 4xx reply code of the catalog
    /// and surely fails for every 5xx one (<c>(int)ex.StatusCode / 100 == 4</c>, <c>ex.StatusCode == SmtpStatusCode.MailboxBusy</c>).
    /// </summary>
    public static bool SelectsOnlyTransient(StatusCondition condition, SemanticModel model, CancellationToken cancellationToken)
    {
        var test = new Evaluation(model, failure: null, cancellationToken).Compile(condition);
        var selectsTransient = false;
        foreach (var code in ReplyCatalog.All)
        {
            if (code.Class is not (ReplyClass.TransientNegative or ReplyClass.PermanentNegative))
            {
                continue;
            }

            var outcome = test(code.Value);
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

    /// <summary>The outcomes of a condition for a failure with a given reply status.</summary>
    private delegate Outcome Test(int status);

    /// <summary>The value of a numeric expression for a given reply status, or null when it cannot be computed.</summary>
    private delegate long? Number(int status);

    /// <summary>
    /// Turns conditions into tests run for many statuses. A condition is read once: what does not depend on the
    /// status (whether a part mentions the failure, each constant's value, each type test) is found while compiling,
    /// and running a test for one status only computes. <paramref name="failure"/> is the type of the exception that
    /// carries the status, when type tests are to be judged (a clause that catches a base type such as
    /// <c>Exception</c>); null leaves them unknown.
    /// </summary>
    private sealed class Evaluation(SemanticModel model, INamedTypeSymbol? failure, CancellationToken cancellationToken)
    {
        public Test[] Compile(IReadOnlyList<StatusCondition> conditions)
        {
            var tests = new Test[conditions.Count];
            for (var i = 0; i < tests.Length; i++)
            {
                tests[i] = Compile(conditions[i]);
            }

            return tests;
        }

        /// <summary>The test of <paramref name="condition"/>, negated when it is.</summary>
        public Test Compile(StatusCondition condition)
        {
            var test = Compile(condition.Expression, condition.Names);
            return condition.Negated ? status => Not(test(status)) : test;
        }

        private Test Compile(ExpressionSyntax expression, FailureNames names)
        {
            if (!names.Mentions(expression))
            {
                var outcome = model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: bool constant }
                    ? constant ? Outcome.True : Outcome.False
                    : Outcome.Either;
                return _ => outcome;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Compile(parenthesized.Expression, names);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    var operand = Compile(not.Operand, names);
                    return status => Not(operand(status));
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                    var (bothLeft, bothRight) = (Compile(and.Left, names), Compile(and.Right, names));
                    return status => And(bothLeft(status), bothRight(status));
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or:
                    var (eitherLeft, eitherRight) = (Compile(or.Left, names), Compile(or.Right, names));
                    return status => Not(And(Not(eitherLeft(status)), Not(eitherRight(status))));
                case BinaryExpressionSyntax comparison when OwnCode.IsComparison(comparison.Kind()):
                    var kind = comparison.Kind();
                    var (left, right) = (CompileNumber(comparison.Left, names), CompileNumber(comparison.Right, names));
                    return status => left(status) is { } leftValue && right(status) is { } rightValue
                        ? Of(Compare(kind, leftValue, rightValue))
                        : Outcome.Unknown;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression, Right: TypeSyntax type } isType when names.IsException(isType.Left):
                    var isFailure = IsFailure(type);
                    return _ => isFailure;
                case IsPatternExpressionSyntax isPattern when names.IsException(isPattern.Expression):
                    var matchesFailure = MatchType(isPattern.Pattern);
                    return _ => matchesFailure;
                case IsPatternExpressionSyntax isPattern:
                    var (value, match) = (CompileNumber(isPattern.Expression, names), CompilePattern(isPattern.Pattern));
                    return status => value(status) is { } number ? match(number) : Outcome.Unknown;
                default:
                    return _ => Outcome.Unknown;
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

        /// <summary>The value of a numeric expression for a status: the status itself, class arithmetic on it, or a constant.</summary>
        private Number CompileNumber(ExpressionSyntax expression, FailureNames names)
        {
            if (names.IsStatus(expression))
            {
                return status => status;
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return CompileNumber(parenthesized.Expression, names);
                case CastExpressionSyntax cast when names.Mentions(cast.Expression):
                    return CompileNumber(cast.Expression, names);
                case BinaryExpressionSyntax binary when names.Mentions(binary):
                    var kind = binary.Kind();
                    var (left, right) = (CompileNumber(binary.Left, names), CompileNumber(binary.Right, names));
                    return status => left(status) is { } leftValue && right(status) is { } rightValue ? Arithmetic(kind, leftValue, rightValue) : null;
                default:
                    var constant = Constant(expression);
                    return _ => constant;
            }
        }

        /// <summary>An integer or enum constant (<c>550</c>, <c>SmtpStatusCode.MailboxUnavailable</c>), or null.</summary>
        private long? Constant(ExpressionSyntax expression) =>
            model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: { } value }
                && value is int or long or short or sbyte or byte or ushort or uint
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : null;

        /// <summary>The outcomes of a pattern on a numeric value: constants, relations, <c>and</c>/<c>or</c>/<c>not</c>, discards.</summary>
        private Func<long, Outcome> CompilePattern(PatternSyntax pattern)
        {
            switch (pattern)
            {
                case ConstantPatternSyntax constant:
                    var expected = Constant(constant.Expression);
                    return value => expected is { } known ? Of(value == known) : Outcome.Unknown;
                case RelationalPatternSyntax relational:
                    var kind = relational.OperatorToken.Kind() switch
                    {
                        SyntaxKind.LessThanToken => SyntaxKind.LessThanExpression,
                        SyntaxKind.LessThanEqualsToken => SyntaxKind.LessThanOrEqualExpression,
                        SyntaxKind.GreaterThanToken => SyntaxKind.GreaterThanExpression,
                        _ => SyntaxKind.GreaterThanOrEqualExpression,
                    };
                    var bound = Constant(relational.Expression);
                    return value => bound is { } known ? Of(Compare(kind, value, known)) : Outcome.Unknown;
                case BinaryPatternSyntax { RawKind: (int)SyntaxKind.AndPattern } and:
                    var (bothLeft, bothRight) = (CompilePattern(and.Left), CompilePattern(and.Right));
                    return value => And(bothLeft(value), bothRight(value));
                case BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } or:
                    var (eitherLeft, eitherRight) = (CompilePattern(or.Left), CompilePattern(or.Right));
                    return value => Not(And(Not(eitherLeft(value)), Not(eitherRight(value))));
                case UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } not:
                    var operand = CompilePattern(not.Pattern);
                    return value => Not(operand(value));
                case ParenthesizedPatternSyntax parenthesized:
                    return CompilePattern(parenthesized.Pattern);
                case DiscardPatternSyntax:
                    return _ => Outcome.True;
                default:
                    return _ => Outcome.Unknown;
            }
        }
    }

    private static long? Arithmetic(SyntaxKind kind, long left, long right) => kind switch
    {
        SyntaxKind.DivideExpression when right != 0 => left / right,
        SyntaxKind.ModuloExpression when right != 0 => left % right,
        SyntaxKind.AddExpression => left + right,
        SyntaxKind.SubtractExpression => left - right,
        SyntaxKind.MultiplyExpression => left * right,
        _ => null,
    };

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
