using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.Generators;
using SmtpAnalyzers.ReplyCodes;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP105: replaces the test of one transient code on a failure with the one transient test,
/// <c>ex.StatusCode == SmtpStatusCode.ServiceNotAvailable</c> → <c>SmtpFailures.IsTransient(ex)</c> (<c>!=</c> and
/// <c>is not</c> → <c>!SmtpFailures.IsTransient(ex)</c>). That test knows the libraries: it admits every 4xx reply and a
/// lost connection, and never System.Net.Mail's per-recipient failures, which a whole-message retry would deliver
/// again to the recipients already served (SMTP106). No fix where the tested code is not an exception's
/// <c>StatusCode</c> (a number held in a variable, a property subpattern <c>{ StatusCode: … }</c>): there is no
/// failure to hand to the test.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SingleTransientCodeFixer)), Shared]
public sealed class SingleTransientCodeFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP105 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.SingleTransientCode + ".TestTheTransientClass";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SingleTransientCode);

    private protected override string FixAllTitle => "Test whether the failure is transient";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        var node = input.NodeOf(diagnostic);
        if (node is not ExpressionSyntax
            || input.Transient is not { } failures
            || StatusEquality.From(node, input.Model, input.Symbols, input.CancellationToken) is not { Subject: { } subject } test
            || FailureOf(input, subject) is not { } failure)
        {
            return null;
        }

        var title = "Use " + (test.Negated ? "!" : string.Empty) + SmtpFailuresClass.ClassName + "." + SmtpFailuresClass.IsTransientName + "(" + failure + ")";
        return new PlannedFix(title, replacements =>
        {
            var call = failures.IsTransient(failure.WithoutTrivia());
            ExpressionSyntax replacement = test.Negated ? SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, call) : call;

            // Parenthesized for safety inside a larger expression; the simplifier drops what is not needed.
            replacements[node] = SyntaxFactory.ParenthesizedExpression(replacement)
                .WithAdditionalAnnotations(Simplifier.Annotation)
                .WithTriviaFrom(node);
        });
    }

    /// <summary>The failure whose status is tested: <c>ex</c> in <c>ex.StatusCode</c> or <c>(int)ex.StatusCode</c>, when it is an exception.</summary>
    private static ExpressionSyntax? FailureOf(FixInput input, ExpressionSyntax subject)
    {
        while (subject is CastExpressionSyntax or ParenthesizedExpressionSyntax)
        {
            subject = subject is CastExpressionSyntax cast ? cast.Expression : ((ParenthesizedExpressionSyntax)subject).Expression;
        }

        var exception = input.Model.Compilation.GetTypeByMetadataName("System.Exception");
        if (subject is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StatusCode", Expression: var failure }
            || input.Model.GetTypeInfo(failure, input.CancellationToken).Type is not { } type)
        {
            return null;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, exception))
            {
                return failure;
            }
        }

        return null;
    }
}
