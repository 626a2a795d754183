using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.Catalog;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// A test of an SMTP reply's class written with numeric bounds (SMTP004): <c>code &gt;= 400 &amp;&amp; code &lt; 500</c>,
/// <c>code is &gt;= 500</c>, <c>(int)ex.StatusCode / 100 == 4</c>, and a bound written as a cast to the status
/// enum, as MailKit itself writes them (<c>status &lt; (SmtpStatusCode)300</c>). Bounds are normalised to
/// <c>Lower &lt;= value &lt; Upper</c>. Shared by the analyzer and its fix so that both always agree.
/// </summary>
internal sealed class ReplyClassTest
{
    // Replies run from 200 to 599 (RFC 5321, section 4.2: the first digit is 2 to 5).
    private const int FirstReply = 200;
    private const int PastLastReply = 600;

    private ReplyClassTest(SyntaxNode test, SyntaxToken firstBound, ExpressionSyntax subject, int? lower, int? upper, bool negated)
    {
        Test = test;
        FirstBound = firstBound;
        Subject = subject;
        Lower = lower;
        Upper = upper;
        Negated = negated;
        HasCastBound = IsCast(firstBound);
    }

    /// <summary>The comparison, <c>&amp;&amp;</c>, <c>is</c> expression or switch pattern that tests the class.</summary>
    public SyntaxNode Test { get; }

    /// <summary>The first bound literal of the test: the one token from which the analyzer reports it.</summary>
    public SyntaxToken FirstBound { get; }

    /// <summary>The value whose class is tested.</summary>
    public ExpressionSyntax Subject { get; }

    /// <summary>The smallest value the test accepts, if bounded below.</summary>
    public int? Lower { get; }

    /// <summary>The smallest value above the range the test accepts, if bounded above.</summary>
    public int? Upper { get; }

    /// <summary><c>code / 100 != 4</c>: the test accepts everything outside the range.</summary>
    public bool Negated { get; }

    /// <summary><c>status &lt; (SmtpStatusCode)300</c>: a bound is a cast, so the value may be the status enum itself.</summary>
    public bool HasCastBound { get; private set; }

    /// <summary>
    /// <c>ok &amp;&amp; code &gt;= 400 &amp;&amp; code &lt; 500</c> parses as <c>(ok &amp;&amp; code &gt;= 400) &amp;&amp; code &lt; 500</c>:
    /// the operands before the range, which the fix keeps. Null when the range is a node of its own.
    /// </summary>
    public ExpressionSyntax? KeptLeft { get; private set; }

    /// <summary>The start of the test, where the diagnostic goes: from its first bound's comparison to the end of that line.</summary>
    public int Start { get; private set; }

    /// <summary>True for a pattern in a switch arm or case label, which the fix leaves alone.</summary>
    public bool InSwitch { get; private set; }

    /// <summary>The reply classes (2 to 5) the test accepts, when its bounds are exactly class boundaries.</summary>
    public bool IsWholeClasses(out int firstClass, out int pastLastClass)
    {
        firstClass = (Lower ?? FirstReply) / 100;
        pastLastClass = (Upper ?? PastLastReply) / 100;
        return (Lower ?? 0) % 100 == 0 && (Upper ?? 0) % 100 == 0;
    }

    /// <summary>
    /// The span reported: the first line of the test. Found by reading the test's characters up to a line break,
    /// rather than through the text's line table, which would be built for the whole file on first use.
    /// </summary>
    public TextSpan ReportSpan()
    {
        var text = TextSearch.TextOf(Test.SyntaxTree);
        var end = Start;
        while (end < Test.Span.End && text[end] is not ('\r' or '\n' or '\u0085' or '\u2028' or '\u2029'))
        {
            end++;
        }

        return TextSpan.FromBounds(Start, end);
    }

    /// <summary>
    /// The class test <paramref name="token"/> is a bound of, found from syntax alone, or null. Cheap: no
    /// semantic model. The value must still be checked with <see cref="IsSmtpContext"/>.
    /// </summary>
    public static ReplyClassTest? FromBound(SyntaxToken token)
    {
        if (!token.IsInt32(out var value)
            || (value != 100 && (value < FirstReply - 1 || value > PastLastReply))
            || token.Parent is not LiteralExpressionSyntax literal)
        {
            return null;
        }

        // (SmtpStatusCode)300: the bound is the cast around the literal.
        ExpressionSyntax bound = literal.Parent is CastExpressionSyntax cast && cast.Expression == literal ? cast : literal;
        return bound.Parent switch
        {
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.DivideExpression } divide when value == 100 && divide.Right == literal
                => FromDivision(divide),
            BinaryExpressionSyntax binary => FromComparison(binary),
            RelationalPatternSyntax pattern => FromPattern(pattern),
            _ => null,
        };
    }

    /// <summary>
    /// True when the tested value is an SMTP status (SPEC "SMTP context"): a number that holds one, or, when a
    /// bound is a cast, a library status enum itself (<c>status &lt; (SmtpStatusCode)300</c>, then
    /// <paramref name="subjectIsEnum"/>).
    /// </summary>
    public bool IsSmtpContext(SemanticModel model, SmtpSymbols symbols, ReplyCodeNames names, CancellationToken cancellationToken, out bool subjectIsEnum)
    {
        var subject = model.GetOperation(Subject, cancellationToken);
        subjectIsEnum = HasCastBound && symbols.StatusLibraryOf(ReplyCodeContext.WithoutImplicitConversions(subject)?.Type) != StatusLibrary.None;
        return subjectIsEnum || ReplyCodeContext.IsNumericStatus(subject, symbols, names, model, cancellationToken);
    }

    /// <summary>The test as the user wrote it, on one line, for the message.</summary>
    public string Text()
    {
        var from = KeptLeft is null ? Test.SpanStart : Start;
        return OnOneLine(TextSearch.TextOf(Test.SyntaxTree).Substring(from, Test.Span.End - from));
    }

    /// <summary><paramref name="text"/> with every run of white space (line breaks included) made one space.</summary>
    private static string OnOneLine(string text)
    {
        if (IsOnOneLine(text))
        {
            return text;
        }

        var line = new StringBuilder(text.Length);
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inSpace = true;
                continue;
            }

            if (inSpace)
            {
                line.Append(' ');
                inSpace = false;
            }

            line.Append(c);
        }

        return inSpace ? line.Append(' ').ToString() : line.ToString();
    }

    // Most tests are written on one line with single spaces: they are used as they are.
    private static bool IsOnOneLine(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i > 0 && text[i - 1] == ' ')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What is wrong with a bound that is not a class boundary ("misses 400, the first transient 4xx reply"),
    /// or null when both bounds are boundaries.
    /// </summary>
    public string? BoundsProblem()
    {
        if (Lower is { } lower && lower % 100 != 0)
        {
            return (lower % 100) switch
            {
                1 => "misses " + (lower - 1) + ", the first " + Label(lower - 1) + " reply",
                99 => "also takes " + lower + ", the last " + Label(lower) + " reply",
                _ => "covers only part of the " + Label(lower) + " class",
            };
        }

        if (Upper is { } upper && upper % 100 != 0)
        {
            return (upper % 100) switch
            {
                1 => "also takes " + (upper - 1) + ", the first " + Label(upper - 1) + " reply",
                99 => "misses " + upper + ", the last " + Label(upper) + " reply",
                _ => "covers only part of the " + Label(upper - 1) + " class",
            };
        }

        return null;
    }

    /// <summary>
    /// True when the fix compares <c>ClassOf(x)</c> (a bound on one side only: <c>&gt;= 400</c> becomes
    /// <c>ClassOf(x) &gt;= 4</c>, exactly the same test for every integer); false when it calls the class helpers.
    /// </summary>
    public bool UsesClassOf => Lower is null || Upper is null;

    /// <summary>The helper that tests for <paramref name="replyClass"/> (2 to 5).</summary>
    public static string HelperFor(int replyClass) => replyClass switch
    {
        2 => "IsPositive",
        3 => "IsIntermediate",
        4 => "IsTransient",
        _ => "IsPermanent",
    };

    /// <summary>"means transient 4xx or permanent 5xx", for whole classes.</summary>
    public string Meaning()
    {
        IsWholeClasses(out var first, out var pastLast);
        var text = Negated ? "means not " : "means ";
        for (var replyClass = first; replyClass < pastLast; replyClass++)
        {
            text += (replyClass == first ? string.Empty : " or ") + ((ReplyClass)replyClass).Label();
        }

        return text;
    }

    /// <summary>
    /// The code the fix writes, as shown in the message: <c>SmtpReplyCodes.IsTransient(code)</c>;
    /// <paramref name="subjectIsEnum"/>: the value is a status enum, which the helpers take as <c>(int)status</c>.
    /// </summary>
    public string Replacement(string replyCodesClass, bool subjectIsEnum = false)
    {
        var subject = (subjectIsEnum ? "(int)" : string.Empty) + OnOneLine(Subject.ToString());
        if (UsesClassOf)
        {
            return Lower is { } lower
                ? replyCodesClass + ".ClassOf(" + subject + ") >= " + (lower / 100)
                : replyCodesClass + ".ClassOf(" + subject + ") < " + (Upper!.Value / 100);
        }

        IsWholeClasses(out var first, out var pastLast);
        var text = Negated ? "!" : string.Empty;
        for (var replyClass = first; replyClass < pastLast; replyClass++)
        {
            text += (replyClass == first ? string.Empty : " || ") + replyCodesClass + "." + HelperFor(replyClass) + "(" + subject + ")";
        }

        return text;
    }

    /// <summary>The label of the class of <paramref name="reply"/>, such as "transient 4xx".</summary>
    public static string Label(int reply) => ((ReplyClass)(reply / 100)).Label();

    /// <summary>
    /// True when the bounds say nothing about a reply's class: a check that a value is a valid reply at all
    /// (<c>&gt;= 200</c>, <c>&lt; 600</c>, both together), or a range that accepts nothing.
    /// </summary>
    private bool IsValidityCheckOrEmpty() =>
        (Lower ?? FirstReply) <= FirstReply && (Upper ?? PastLastReply) >= PastLastReply
        || (Lower ?? FirstReply) >= (Upper ?? PastLastReply);

    private static ReplyClassTest? Keep(ReplyClassTest test) => test.IsValidityCheckOrEmpty() ? null : test;

    // x / 100 == 4, 4 == x / 100, x / 100 != 4
    private static ReplyClassTest? FromDivision(BinaryExpressionSyntax divide)
    {
        var outer = OuterExpression(divide);
        if (outer.Parent is not BinaryExpressionSyntax equality
            || !(equality.IsKind(SyntaxKind.EqualsExpression) || equality.IsKind(SyntaxKind.NotEqualsExpression)))
        {
            return null;
        }

        var other = equality.Left == outer ? equality.Right : equality.Left;
        if (other.WithoutParentheses() is not LiteralExpressionSyntax classLiteral
            || !classLiteral.Token.IsInt32(out var replyClass)
            || replyClass < 2
            || replyClass > 5)
        {
            return null;
        }

        return new ReplyClassTest(equality, ((LiteralExpressionSyntax)divide.Right).Token, divide.Left, replyClass * 100, (replyClass + 1) * 100, equality.IsKind(SyntaxKind.NotEqualsExpression))
        {
            Start = equality.SpanStart,
        };
    }

    private static ReplyClassTest? FromComparison(BinaryExpressionSyntax comparison)
    {
        if (!Bound(comparison, out var subject, out var lower, out var upper, out var bound))
        {
            return null;
        }

        var outer = OuterExpression(comparison);
        if (outer.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and)
        {
            // code >= 400 && code < 500, code < 500 && code >= 400
            var sibling = and.Left == outer ? and.Right : and.Left;
            if (Pair(and, and.Left == outer ? comparison : sibling.WithoutParentheses(), and.Left == outer ? sibling.WithoutParentheses() : comparison) is { } pair)
            {
                return Keep(pair);
            }

            // ok && code >= 400 && code < 500: the range is split over two nodes of the chain.
            if (and.Right == outer
                && and.Left is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } left
                && Pair(and, left.Right.WithoutParentheses(), comparison) is { } chained)
            {
                chained.KeptLeft = left.Left;
                return Keep(chained);
            }

            if (and.Right == outer
                && and.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } parent
                && parent.Left == and
                && Pair(parent, comparison, parent.Right.WithoutParentheses()) is { } chainedFromLeft)
            {
                chainedFromLeft.KeptLeft = and.Left;
                return Keep(chainedFromLeft);
            }
        }

        return Keep(new ReplyClassTest(comparison, bound, subject, lower, upper, negated: false) { Start = comparison.SpanStart });
    }

    /// <summary><c>first &amp;&amp; second</c> when both bound the same value from opposite sides.</summary>
    private static ReplyClassTest? Pair(BinaryExpressionSyntax and, ExpressionSyntax first, ExpressionSyntax second)
    {
        if (first is not BinaryExpressionSyntax firstComparison
            || second is not BinaryExpressionSyntax secondComparison
            || !Bound(firstComparison, out var subject, out var lower, out var upper, out var bound)
            || !Bound(secondComparison, out var otherSubject, out var otherLower, out var otherUpper, out var otherBound)
            || (lower is null) == (otherLower is null)
            || !SyntaxFactory.AreEquivalent(subject, otherSubject))
        {
            return null;
        }

        var test = new ReplyClassTest(and, bound, subject, lower ?? otherLower, upper ?? otherUpper, negated: false)
        {
            Start = firstComparison.SpanStart,
        };
        test.HasCastBound |= IsCast(otherBound);
        return test;
    }

    /// <summary>
    /// Reads <c>x op literal</c> or <c>literal op x</c> as a lower or upper bound on <c>x</c>; the literal may be under a
    /// cast (<c>x &lt; (SmtpStatusCode)300</c>).
    /// </summary>
    private static bool Bound(BinaryExpressionSyntax comparison, out ExpressionSyntax subject, out int? lower, out int? upper, out SyntaxToken bound)
    {
        subject = comparison.Left;
        lower = null;
        upper = null;
        bound = default;
        var kind = comparison.Kind();
        if (kind is not (SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression
            or SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression))
        {
            return false;
        }

        if (BoundLiteral(comparison.Right) is { } rightLiteral && rightLiteral.IsInt32(out var right) && BoundLiteral(comparison.Left) is null)
        {
            bound = rightLiteral;
            SetBound(kind, right, ref lower, ref upper);
        }
        else if (BoundLiteral(comparison.Left) is { } leftLiteral && leftLiteral.IsInt32(out var left) && BoundLiteral(comparison.Right) is null)
        {
            // 400 <= code reads as code >= 400.
            subject = comparison.Right;
            bound = leftLiteral;
            SetBound(Mirror(kind), left, ref lower, ref upper);
        }
        else
        {
            return false;
        }

        var value = lower ?? upper!.Value;
        return value >= FirstReply && value <= PastLastReply;
    }

    /// <summary>The literal token of a bound written as <c>300</c> or <c>(SmtpStatusCode)300</c>, or null.</summary>
    private static SyntaxToken? BoundLiteral(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.Token,
        CastExpressionSyntax { Expression: LiteralExpressionSyntax literal } => literal.Token,
        _ => null,
    };

    private static bool IsCast(SyntaxToken bound) => bound.Parent?.Parent is CastExpressionSyntax;

    private static void SetBound(SyntaxKind kind, int value, ref int? lower, ref int? upper)
    {
        switch (kind)
        {
            case SyntaxKind.GreaterThanExpression:
                lower = value + 1;
                break;
            case SyntaxKind.GreaterThanOrEqualExpression:
                lower = value;
                break;
            case SyntaxKind.LessThanExpression:
                upper = value;
                break;
            default:
                upper = value + 1;
                break;
        }
    }

    private static SyntaxKind Mirror(SyntaxKind kind) => kind switch
    {
        SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
        SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
        SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
        _ => SyntaxKind.GreaterThanOrEqualExpression,
    };

    // code is >= 400 and < 500; switch arms and case labels: >= 500 => ...
    private static ReplyClassTest? FromPattern(RelationalPatternSyntax pattern)
    {
        if (!PatternBound(pattern, out var lower, out var upper))
        {
            return null;
        }

        var top = (PatternSyntax)pattern;
        var first = pattern;
        var castBound = IsCast(BoundLiteral(pattern.Expression)!.Value);
        var outer = OuterPattern(pattern);
        if (outer.Parent is BinaryPatternSyntax { RawKind: (int)SyntaxKind.AndPattern } and)
        {
            var left = StripPattern(and.Left) as RelationalPatternSyntax;
            var right = StripPattern(and.Right) as RelationalPatternSyntax;
            if (left is null || right is null
                || !PatternBound(left, out var leftLower, out var leftUpper)
                || !PatternBound(right, out var rightLower, out var rightUpper)
                || (leftLower is null) == (rightLower is null))
            {
                return null;
            }

            top = and;
            first = left;
            lower = leftLower ?? rightLower;
            upper = leftUpper ?? rightUpper;
            castBound = IsCast(BoundLiteral(left.Expression)!.Value) || IsCast(BoundLiteral(right.Expression)!.Value);
            outer = OuterPattern(and);
        }

        var firstBound = BoundLiteral(first.Expression)!.Value;
        var test = outer.Parent switch
        {
            IsPatternExpressionSyntax isPattern =>
                new ReplyClassTest(isPattern, firstBound, isPattern.Expression, lower, upper, negated: false) { Start = isPattern.SpanStart },
            SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax switchExpression } =>
                new ReplyClassTest(top, firstBound, switchExpression.GoverningExpression, lower, upper, negated: false) { Start = top.SpanStart, InSwitch = true },
            CasePatternSwitchLabelSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement } } =>
                new ReplyClassTest(top, firstBound, switchStatement.Expression, lower, upper, negated: false) { Start = top.SpanStart, InSwitch = true },

            // Inside or/not, a property pattern or a list pattern: more than a class test.
            _ => null,
        };
        if (test is null)
        {
            return null;
        }

        test.HasCastBound = castBound;
        return Keep(test);
    }

    private static bool PatternBound(RelationalPatternSyntax pattern, out int? lower, out int? upper)
    {
        lower = null;
        upper = null;
        if (BoundLiteral(pattern.Expression) is not { } literal || !literal.IsInt32(out var value))
        {
            return false;
        }

        var kind = pattern.OperatorToken.Kind() switch
        {
            SyntaxKind.GreaterThanToken => SyntaxKind.GreaterThanExpression,
            SyntaxKind.GreaterThanEqualsToken => SyntaxKind.GreaterThanOrEqualExpression,
            SyntaxKind.LessThanToken => SyntaxKind.LessThanExpression,
            _ => SyntaxKind.LessThanOrEqualExpression,
        };
        SetBound(kind, value, ref lower, ref upper);
        var bound = lower ?? upper!.Value;
        return bound >= FirstReply && bound <= PastLastReply;
    }

    private static PatternSyntax OuterPattern(PatternSyntax pattern)
    {
        while (pattern.Parent is ParenthesizedPatternSyntax parenthesized)
        {
            pattern = parenthesized;
        }

        return pattern;
    }

    private static PatternSyntax StripPattern(PatternSyntax pattern)
    {
        while (pattern is ParenthesizedPatternSyntax parenthesized)
        {
            pattern = parenthesized.Pattern;
        }

        return pattern;
    }

    private static ExpressionSyntax OuterExpression(ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized;
        }

        return expression;
    }
}
