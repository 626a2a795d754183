using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.TransientFailures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP103: lets only transient failures through, with the one transient test. A catch clause gets
/// <c>when (SmtpFailures.IsTransient(ex))</c>, joined to its filter with <c>&amp;&amp;</c>; a Polly
/// <c>Handle&lt;T&gt;()</c>/<c>Or&lt;T&gt;()</c> gets the predicate <c>ex =&gt; SmtpFailures.IsTransient(ex)</c>. The test
/// knows each library (System.Net.Mail's <c>GeneralFailure</c> for I/O errors is transient, its per-recipient
/// failures are not). No fix where a condition on the status already exists and admits a 5xx: which codes were
/// meant is the author's call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PermanentFailureRetryFixer)), Shared]
public sealed class PermanentFailureRetryFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP103 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.PermanentFailureRetry + ".RetryTransientOnly";

    /// <summary>Names tried, in order, for an exception variable the fix has to declare.</summary>
    private static readonly string[] ExceptionNames = ["ex", "exception", "smtpException"];

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PermanentFailureRetry);

    private protected override string FixAllTitle => "Retry transient SMTP failures only";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (input.Transient is not { } failures)
        {
            return null;
        }

        if (diagnostic.Properties.ContainsKey(PermanentFailureRetryLoopAnalyzer.AddFilterProperty)
            && input.Root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is CatchClauseSyntax { Declaration: { } } catchClause)
        {
            return new PlannedFix(
                "Retry only transient failures (add a when filter)",
                replacements => replacements[catchClause] = AddFilter(input, failures, catchClause));
        }

        if (diagnostic.Properties.ContainsKey(PermanentFailureRetryPolicyAnalyzer.AddPredicateProperty)
            && input.NodeOf(diagnostic).FirstAncestorOrSelf<InvocationExpressionSyntax>() is { ArgumentList.Arguments.Count: 0 } handler)
        {
            return new PlannedFix(
                "Retry only transient failures (add a predicate)",
                replacements => replacements[handler] = AddPredicate(input, failures, handler));
        }

        return null;
    }

    private static CatchClauseSyntax AddFilter(FixInput input, SmtpFailuresClass failures, CatchClauseSyntax catchClause)
    {
        var declaration = catchClause.Declaration!;
        var name = declaration.Identifier.ValueText;
        if (name.Length == 0)
        {
            name = FreeName(input, catchClause.Block.SpanStart);
            declaration = declaration
                .WithType(declaration.Type.WithoutTrailingTrivia())
                .WithIdentifier(SyntaxFactory.Identifier(name).WithLeadingTrivia(SyntaxFactory.Space));
        }

        var test = failures.IsTransient(SyntaxFactory.IdentifierName(name));
        if (catchClause.Filter is { } filter)
        {
            // when (attempt < 3) -> when (attempt < 3 && SmtpReplyCodes.IsTransient((int)ex.StatusCode))
            var existing = filter.FilterExpression;
            if (existing.Kind() is SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression or SyntaxKind.ConditionalExpression
                or SyntaxKind.SimpleAssignmentExpression or SyntaxKind.SimpleLambdaExpression or SyntaxKind.ParenthesizedLambdaExpression)
            {
                existing = SyntaxFactory.ParenthesizedExpression(existing.WithoutTrivia()).WithTriviaFrom(existing);
            }

            var combined = SyntaxFactory.BinaryExpression(
                SyntaxKind.LogicalAndExpression,
                existing.WithoutTrailingTrivia(),
                SyntaxFactory.Token(SyntaxKind.AmpersandAmpersandToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                test.WithTrailingTrivia(existing.GetTrailingTrivia()));
            return catchClause.WithDeclaration(declaration).WithFilter(filter.WithFilterExpression(combined));
        }

        // catch (SmtpCommandException ex)<eol> -> catch (SmtpCommandException ex) when (...)<eol>
        var trailing = declaration.GetTrailingTrivia();
        var newFilter = SyntaxFactory.CatchFilterClause(
            SyntaxFactory.Token(SyntaxKind.WhenKeyword).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.OpenParenToken),
            test,
            SyntaxFactory.Token(SyntaxKind.CloseParenToken).WithTrailingTrivia(trailing));
        return catchClause.WithDeclaration(declaration.WithoutTrailingTrivia()).WithFilter(newFilter);
    }

    private static InvocationExpressionSyntax AddPredicate(FixInput input, SmtpFailuresClass failures, InvocationExpressionSyntax handler)
    {
        var name = FreeName(input, handler.SpanStart);
        var predicate = SyntaxFactory.SimpleLambdaExpression(
                SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)),
                failures.IsTransient(SyntaxFactory.IdentifierName(name)))
            .NormalizeWhitespace();
        return handler.WithArgumentList(handler.ArgumentList.WithArguments(
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(predicate))));
    }

    /// <summary>A name for the exception that nothing in scope at <paramref name="position"/> uses.</summary>
    private static string FreeName(FixInput input, int position)
    {
        foreach (var name in ExceptionNames)
        {
            if (input.Model.LookupSymbols(position, name: name).IsEmpty)
            {
                return name;
            }
        }

        return ExceptionNames[ExceptionNames.Length - 1] + position;
    }
}
