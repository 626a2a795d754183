using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.TransientFailures;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP104 on Polly retries: a v7 <c>Retry(n)</c>/<c>RetryAsync(n)</c> becomes
/// <c>WaitAndRetry(n, attempt =&gt; TimeSpan.FromSeconds(30 * Math.Pow(2, attempt - 1)))</c> (30 s, 60 s, 120 s, …);
/// a v8 <c>Delay = TimeSpan.Zero</c> becomes <c>Delay = TimeSpan.FromSeconds(30)</c>, with
/// <c>BackoffType = DelayBackoffType.Exponential</c> when no backoff type is set. The forever variants get
/// no fix: how many attempts a message deserves is the author's decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedRetryPolicyFixer)), Shared]
public sealed class UnboundedRetryPolicyFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every fix of this provider, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.UnboundedRetry + ".WaitBetweenAttempts";

    private const string Backoff = "global::System.TimeSpan.FromSeconds(30 * global::System.Math.Pow(2, {0} - 1))";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnboundedRetry);

    private protected override string FixAllTitle => "Wait between Polly retries with exponential backoff";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
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
                "Wait 30 seconds, doubling at each attempt",
                replacements => replacements[options] = WithDelay(options));
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
        var sleep = SyntaxFactory.ParseExpression(attempt + " => " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Backoff, attempt))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        return invocation
            .WithExpression(access.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(access.Name)))
            .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(
                new[] { count.WithoutTrivia(), SyntaxFactory.Argument(sleep) },
                new[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) })));
    }

    /// <summary>Sets <c>Delay</c> to 30 seconds and, unless a backoff type is set, adds an exponential one after it.</summary>
    private static InitializerExpressionSyntax WithDelay(InitializerExpressionSyntax options)
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
        var fixedDelay = delay.WithRight(Annotated("global::System.TimeSpan.FromSeconds(30)").WithTriviaFrom(delay.Right));
        if (PollyRetry.ValueOf(options, "BackoffType") is not null)
        {
            return options.WithExpressions(expressions.Replace(delay, fixedDelay));
        }

        // Written after Delay, on a line of its own when Delay has one, with a comma like its neighbours.
        var backoff = SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName("BackoffType"),
                Annotated("global::Polly.DelayBackoffType.Exponential"))
            .NormalizeWhitespace()
            .WithLeadingTrivia(delay.GetLeadingTrivia());
        var list = expressions.GetWithSeparators();
        var position = list.IndexOf(delay);
        if (position + 1 < list.Count)
        {
            // Delay = X,<eol> ... -> Delay = Y,<eol> BackoffType = Exponential,<eol> ...
            var separator = list[position + 1].AsToken();
            list = list.Replace(delay, fixedDelay)
                .InsertRange(position + 2, new SyntaxNodeOrToken[] { backoff, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(LineEndOf(separator.TrailingTrivia)) });
        }
        else
        {
            // Delay = X<eol> } -> Delay = Y,<eol> BackoffType = Exponential<eol> }
            var trailing = delay.GetTrailingTrivia();
            list = list.Replace(delay, fixedDelay.WithoutTrailingTrivia())
                .InsertRange(position + 1, new SyntaxNodeOrToken[] { SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(trailing), backoff.WithTrailingTrivia(LineEndOf(trailing)) });
        }

        return options.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(list));
    }

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
