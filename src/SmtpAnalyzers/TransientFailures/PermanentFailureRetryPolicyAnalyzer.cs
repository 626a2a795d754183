using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP103 in Polly: a retry that handles an exception carrying an SMTP reply status
/// (<c>SmtpCommandException</c>, <c>SmtpException</c>) with no predicate, or with a predicate that holds
/// for a 5xx reply. v7: <c>Policy.Handle&lt;T&gt;(…)</c> or <c>.Or&lt;T&gt;(…)</c> in a chain that ends in a retry;
/// v8: <c>new PredicateBuilder().Handle&lt;T&gt;(…)</c> assigned to a <c>RetryStrategyOptions.ShouldHandle</c>.
/// </summary>
/// <remarks>
/// A predicate given as a method group, or one whose outcome depends on something the evaluation cannot
/// judge (a helper, the message text), is left alone. <c>SmtpProtocolException</c> (a dropped connection) is
/// transient and carries no status: handling it alone is right.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PermanentFailureRetryPolicyAnalyzer : MailSendAnalyzer
{
    /// <summary>The diagnostic property present when the fix can add a transient predicate to the handler.</summary>
    public const string AddPredicateProperty = "AddPredicate";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.PermanentFailureRetry);

    private protected override void Register(AnalysisContext context) => RegisterPollyInvocationAction(context, AnalyzeInvocation);

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } name }
            || !PollyRetry.IsExceptionHandlerName(name.Identifier.ValueText)
            || invocation.ArgumentList.Arguments.Count > 1
            || PollyRetry.RetryOf(invocation) is not { } retry
            || SmtpSymbols.For(context.Compilation) is not { ReferencesPolly: true } symbols)
        {
            return;
        }

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || !symbols.IsPollyExceptionHandler(method)
            || symbols.StatusLibraryOfFailure(method.TypeArguments[0]) is var library && library == StatusLibrary.None
            || (retry is AssignmentExpressionSyntax assignment && !PollyRetry.SetsRetryPredicate(assignment, model, symbols, cancellationToken)))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(PermanentFailureRetryLoopAnalyzer.LibraryProperty, library.ToString());
        string problem;
        if (invocation.ArgumentList.Arguments.Count == 0)
        {
            properties = properties.Add(AddPredicateProperty, string.Empty);
            problem = name + "() has no predicate on the reply status, so a 5xx is retried like a 4xx";
        }
        else if (invocation.ArgumentList.Arguments[0].Expression is not LambdaExpressionSyntax lambda
            || Predicate(lambda) is not { } predicate
            || StatusCondition.FirstPermanentAdmitted([predicate], method.TypeArguments[0] as INamedTypeSymbol, model, cancellationToken) is not { } code)
        {
            return;
        }
        else
        {
            problem = "its predicate holds for " + code.Value + " (" + code.Title + ")";
        }

        var location = Location.Create(invocation.SyntaxTree, TextSpan.FromBounds(name.SpanStart, invocation.ArgumentList.Span.End));
        ReportInScope(context, Diagnostic.Create(Descriptors.PermanentFailureRetry, location, properties, "This Polly handler", problem));
    }

    /// <summary>The test a predicate lambda makes: its expression body, or the one <c>return</c> of its block.</summary>
    private static StatusCondition? Predicate(LambdaExpressionSyntax lambda)
    {
        var parameter = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0],
            _ => null,
        };
        var test = lambda.ExpressionBody
            ?? (lambda.Block is { Statements.Count: 1 } block && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);
        return parameter is null || test is null
            ? null
            : new StatusCondition(test, FailureNames.Of(parameter.Identifier.ValueText));
    }
}
