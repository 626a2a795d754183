using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP104 in Polly: a retry of SMTP send failures that does not wait between attempts or never stops.
/// v7: <c>Retry</c>/<c>RetryAsync</c> (no wait), <c>RetryForever</c>/<c>RetryForeverAsync</c> (neither),
/// <c>WaitAndRetryForever</c>/<c>WaitAndRetryForeverAsync</c> (no bound) on a chain that handles a send
/// failure; v8: <c>AddRetry(new RetryStrategyOptions { … })</c> whose <c>ShouldHandle</c> handles a send
/// failure and that sets <c>Delay = TimeSpan.Zero</c> (without a <c>DelayGenerator</c>) or
/// <c>MaxRetryAttempts = int.MaxValue</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedRetryPolicyAnalyzer : MailSendAnalyzer
{
    /// <summary>The diagnostic property naming what the fix changes: <see cref="WaitAndRetryFix"/> or <see cref="DelayFix"/>.</summary>
    public const string FixProperty = "Fix";

    /// <summary>v7 <c>Retry(n)</c> becomes <c>WaitAndRetry(n, backoff)</c>.</summary>
    public const string WaitAndRetryFix = "WaitAndRetry";

    /// <summary>v8 <c>Delay = TimeSpan.Zero</c> becomes a delay with exponential backoff.</summary>
    public const string DelayFix = "Delay";

    private const string Subject = "Polly retry of SMTP send failures";
    private const string NoDelay = "has no delay between attempts";
    private const string NoBound = "has no bound on the number of attempts";
    private const string Neither = "has no delay between attempts and no bound on their number";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnboundedRetry);

    private protected override void Register(AnalysisContext context) => RegisterPollyInvocationAction(context, AnalyzeInvocation);

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (invocation.Expression is not MemberAccessExpressionSyntax access)
        {
            return;
        }

        var name = access.Name.Identifier.ValueText;
        var (problem, fix) = name switch
        {
            "Retry" or "RetryAsync" => (NoDelay, WaitAndRetryFix),
            "RetryForever" or "RetryForeverAsync" => (Neither, null),
            "WaitAndRetryForever" or "WaitAndRetryForeverAsync" => (NoBound, null),
            "AddRetry" => V8Problem(invocation),
            _ => (null, null),
        };
        if (problem is null || SmtpSymbols.For(context.Compilation) is not { ReferencesPolly: true } symbols)
        {
            return;
        }

        var handlers = name == "AddRetry" ? ShouldHandleOf(invocation) : access.Expression;
        if (handlers is null
            || !PollyRetry.HandlesSendFailures(handlers, context.SemanticModel, symbols, context.CancellationToken)
            || (name == "AddRetry" && !IsRetryOptions(invocation, context.SemanticModel, symbols, context.CancellationToken)))
        {
            return;
        }

        // v7 Retry(n) with an onRetry callback takes a different delegate than WaitAndRetry's: no fix there.
        if (fix == WaitAndRetryFix && (invocation.ArgumentList.Arguments.Count > 1 || HasNamedArgument(invocation)))
        {
            fix = null;
        }

        var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        var location = Location.Create(invocation.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, invocation.ArgumentList.Span.End));
        ReportInScope(context, Diagnostic.Create(Descriptors.UnboundedRetry, location, properties, Subject, problem));
    }

    /// <summary>The options of <c>AddRetry(new RetryStrategyOptions { … })</c>, written in the call.</summary>
    internal static InitializerExpressionSyntax? OptionsOf(InvocationExpressionSyntax addRetry) =>
        addRetry.ArgumentList.Arguments.Count == 1
        && addRetry.ArgumentList.Arguments[0].Expression is BaseObjectCreationExpressionSyntax { Initializer: { } initializer }
            ? initializer
            : null;

    /// <summary>Whether <paramref name="delay"/> is a zero <c>TimeSpan</c>: <c>TimeSpan.Zero</c>, <c>default</c>, <c>TimeSpan.FromSeconds(0)</c>.</summary>
    internal static bool IsZero(ExpressionSyntax delay) => delay switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Zero" } => true,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } or DefaultExpressionSyntax => true,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var from }, ArgumentList.Arguments: { Count: 1 } arguments }
            => from.StartsWith("From", System.StringComparison.Ordinal) && arguments[0].Expression is LiteralExpressionSyntax { Token.Value: 0 or 0d },
        _ => false,
    };

    private static (string? Problem, string? Fix) V8Problem(InvocationExpressionSyntax addRetry)
    {
        if (OptionsOf(addRetry) is not { } options)
        {
            return (null, null);
        }

        var noDelay = PollyRetry.ValueOf(options, "Delay") is { } delay && IsZero(delay) && PollyRetry.ValueOf(options, "DelayGenerator") is null;
        var noBound = PollyRetry.ValueOf(options, "MaxRetryAttempts") is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MaxValue" };
        return (noDelay, noBound) switch
        {
            (true, true) => (Neither, DelayFix),
            (true, false) => (NoDelay, DelayFix),
            (false, true) => (NoBound, null),
            _ => (null, null),
        };
    }

    private static ExpressionSyntax? ShouldHandleOf(InvocationExpressionSyntax addRetry) =>
        OptionsOf(addRetry) is { } options ? PollyRetry.ValueOf(options, "ShouldHandle") : null;

    private static bool IsRetryOptions(InvocationExpressionSyntax addRetry, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        symbols.IsPollyRetryOptions(model.GetTypeInfo(addRetry.ArgumentList.Arguments[0].Expression, cancellationToken).Type);

    private static bool HasNamedArgument(InvocationExpressionSyntax invocation)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.NameColon is not null)
            {
                return true;
            }
        }

        return false;
    }
}
