using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.Failures;
using SmtpAnalyzers.TransientFailures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// The SMTP104 fix of Polly retries that do not wait (part of <see cref="UnboundedRetryFixer"/>): a v7
/// <c>Retry(n)</c>/<c>RetryAsync(n)</c> becomes <c>WaitAndRetry(n, attempt =&gt; TimeSpan.FromSeconds(2 * Math.Pow(2,
/// attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble())))</c>; a v8 <c>Delay = TimeSpan.Zero</c> becomes
/// <c>Delay = TimeSpan.FromSeconds(2)</c>, with <c>BackoffType = DelayBackoffType.Exponential</c> and
/// <c>UseJitter = true</c> where they are not set. The delays follow <see cref="RetrySettings"/>. The forever
/// variants get no fix: how many attempts a message deserves is the author's decision.
/// </summary>
internal static class PollyRetryWait
{
    /// <summary>The fix for a diagnostic of <c>UnboundedRetryPolicyAnalyzer</c>, or null.</summary>
    public static PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UnboundedRetryPolicyAnalyzer.FixProperty, out var fix)
            || input.NodeOf(diagnostic).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax access } invocation)
        {
            return null;
        }

        if (fix == UnboundedRetryPolicyAnalyzer.WaitAndRetryFix)
        {
            var waitAndRetry = access.Name.Identifier.ValueText == "RetryAsync" ? "WaitAndRetryAsync" : "WaitAndRetry";
            return new PlannedFix(
                "Use " + waitAndRetry + " with exponential backoff",
                replacements => replacements[invocation] = WaitAndRetry(input, invocation, access, waitAndRetry));
        }

        if (fix == UnboundedRetryPolicyAnalyzer.DelayFix
            && UnboundedRetryPolicyAnalyzer.OptionsOf(invocation) is { } options
            && PollyRetry.ValueOf(options, "Delay") is not null)
        {
            return new PlannedFix(
                "Wait " + input.Retry.BaseDelayLiteral + " seconds, doubling at each attempt",
                replacements => replacements[options] = WithDelay(input, options));
        }

        return null;
    }

    /// <summary><c>Retry(3)</c> -> <c>WaitAndRetry(3, attempt =&gt; …)</c>; <c>Retry()</c> retries once.</summary>
    private static InvocationExpressionSyntax WaitAndRetry(FixInput input, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access, string name)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var count = arguments.Count == 1
            ? arguments[0]
            : SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));
        var attempt = input.Model.LookupSymbols(invocation.SpanStart, name: "attempt").IsEmpty ? "attempt" : "retryAttempt";
        var exponent = SyntaxFactory.BinaryExpression(
            SyntaxKind.SubtractExpression,
            SyntaxFactory.IdentifierName(attempt),
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));
        var sleep = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(attempt)), input.Retry.Delay(input.Model.Compilation, exponent))
            .NormalizeWhitespace();
        return invocation
            .WithExpression(access.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Name)))
            .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(
                new[] { count.WithoutTrivia(), SyntaxFactory.Argument(sleep) },
                new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) })));
    }

    /// <summary>Sets <c>Delay</c> to the base delay and adds, after it, an exponential backoff and jitter where they are not set.</summary>
    private static InitializerExpressionSyntax WithDelay(FixInput input, InitializerExpressionSyntax options)
    {
        var expressions = options.Expressions;
        var index = -1;
        for (var i = 0; i < expressions.Count; i++)
        {
            if (expressions[i] is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Delay" } })
            {
                index = i;
            }
        }

        var delay = (AssignmentExpressionSyntax)expressions[index];
        var fixedDelay = delay.WithRight(input.Retry.BaseDelay().WithTriviaFrom(delay.Right));
        var added = new List<ExpressionSyntax>();
        if (PollyRetry.ValueOf(options, "BackoffType") is null)
        {
            added.Add(Assignment("BackoffType", Annotated("global::Polly.DelayBackoffType.Exponential"), delay));
        }

        if (PollyRetry.ValueOf(options, "UseJitter") is null)
        {
            added.Add(Assignment("UseJitter", SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression), delay));
        }

        var list = expressions.GetWithSeparators();
        var position = list.IndexOf(delay);
        if (position + 1 < list.Count)
        {
            // Delay = X,<eol> ... -> Delay = Y,<eol> BackoffType = Exponential,<eol> UseJitter = true,<eol> ...
            var separator = list[position + 1].AsToken();
            list = list.Replace(delay, fixedDelay)
                .InsertRange(position + 2, added.SelectMany(assignment => new SyntaxNodeOrToken[] { assignment, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(LineEndOf(separator.TrailingTrivia)) }));
        }
        else
        {
            // Delay = X<eol> } -> Delay = Y,<eol> BackoffType = Exponential,<eol> UseJitter = true<eol> }
            var trailing = delay.GetTrailingTrivia();
            var inserted = new List<SyntaxNodeOrToken>();
            for (var i = 0; i < added.Count; i++)
            {
                inserted.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(i == 0 ? trailing : LineEndOf(trailing)));
                inserted.Add(added[i].WithTrailingTrivia(LineEndOf(trailing)));
            }

            list = list.Replace(delay, added.Count == 0 ? fixedDelay : fixedDelay.WithoutTrailingTrivia()).InsertRange(position + 1, inserted);
        }

        return options.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(list));
    }

    /// <summary><c><paramref name="name"/> = <paramref name="value"/></c>, on a line of its own where <paramref name="delay"/> has one.</summary>
    private static ExpressionSyntax Assignment(string name, ExpressionSyntax value, ExpressionSyntax delay) =>
        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(name), value)
            .NormalizeWhitespace()
            .WithLeadingTrivia(delay.GetLeadingTrivia());

    /// <summary>What ends the line after Delay, without the comment that explains Delay: the line break, or the space on a single line.</summary>
    private static SyntaxTriviaList LineEndOf(SyntaxTriviaList trailing)
    {
        foreach (var trivia in trailing)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return SyntaxFactory.TriviaList(trivia);
            }
        }

        return trailing;
    }

    private static ExpressionSyntax Annotated(string expression) =>
        SyntaxFactory.ParseExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
}
