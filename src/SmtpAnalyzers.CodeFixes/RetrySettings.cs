using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Simplification;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// How long the retries the fixes write keep trying: <c>smtp_analyzers.retry_attempts</c> attempts in all (3 by
/// default, 2 to 10), the first wait <c>smtp_analyzers.retry_base_delay</c> seconds (2 by default, above 0 and at
/// most 60), doubling at each attempt, with jitter. Waits of minutes or hours (greylisting) belong in a queue, not in
/// an inline retry, so the bounds stop there.
/// </summary>
internal sealed class RetrySettings
{
    public const string AttemptsKey = "smtp_analyzers.retry_attempts";

    public const string BaseDelayKey = "smtp_analyzers.retry_base_delay";

    public const int DefaultAttempts = 3;

    public const double DefaultBaseDelaySeconds = 2;

    private RetrySettings(int attempts, double baseDelaySeconds)
    {
        Attempts = attempts;
        BaseDelaySeconds = baseDelaySeconds;
    }

    public static RetrySettings Default { get; } = new(DefaultAttempts, DefaultBaseDelaySeconds);

    /// <summary>Attempts in all, the first one included.</summary>
    public int Attempts { get; }

    /// <summary>The wait before the second attempt, in seconds.</summary>
    public double BaseDelaySeconds { get; }

    /// <summary>The base delay as a C# literal: <c>2</c>, <c>0.5</c>.</summary>
    public string BaseDelayLiteral => BaseDelaySeconds.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The settings in force for <paramref name="tree"/>; a value out of bounds or unreadable keeps the default.</summary>
    public static RetrySettings For(SyntaxTree tree, AnalyzerOptions options)
    {
        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var attempts = config.TryGetValue(AttemptsKey, out var attemptsText)
            && int.TryParse(attemptsText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsedAttempts)
            && parsedAttempts is >= 2 and <= 10
                ? parsedAttempts
                : DefaultAttempts;
        var delay = config.TryGetValue(BaseDelayKey, out var delayText)
            && double.TryParse(delayText.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsedDelay)
            && parsedDelay > 0 && parsedDelay <= 60
                ? parsedDelay
                : DefaultBaseDelaySeconds;
        return attempts == DefaultAttempts && delay == DefaultBaseDelaySeconds ? Default : new RetrySettings(attempts, delay);
    }

    /// <summary>
    /// The wait before an attempt, <c>TimeSpan.FromSeconds(2 * Math.Pow(2, <paramref name="exponent"/>) * (0.8 + 0.4 *
    /// Random.Shared.NextDouble()))</c>: exponential, with jitter so that senders failed together do not come back
    /// together; the base delay, jittered, without an exponent. Names are written in full and annotated for cleanup.
    /// </summary>
    public ExpressionSyntax Delay(Compilation compilation, ExpressionSyntax? exponent)
    {
        var seconds = Number(BaseDelaySeconds);
        if (exponent is not null)
        {
            seconds = SyntaxFactory.BinaryExpression(SyntaxKind.MultiplyExpression, seconds, Call("global::System.Math.Pow", Number(2), exponent));
        }

        var random = compilation.GetTypeByMetadataName("System.Random")?.GetMembers("Shared").Any() == true
            ? SyntaxFactory.ParseExpression("global::System.Random.Shared")
            : SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName("global::System.Random"), SyntaxFactory.ArgumentList(), null);
        var jitter = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(
            SyntaxKind.AddExpression,
            Number(0.8),
            SyntaxFactory.BinaryExpression(
                SyntaxKind.MultiplyExpression,
                Number(0.4),
                SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, random, SyntaxFactory.IdentifierName("NextDouble"))))));
        return Call("global::System.TimeSpan.FromSeconds", SyntaxFactory.BinaryExpression(SyntaxKind.MultiplyExpression, seconds, jitter))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    /// <summary><c>TimeSpan.FromSeconds(base)</c>, for a Polly pipeline's <c>Delay</c>.</summary>
    public ExpressionSyntax BaseDelay() =>
        Call("global::System.TimeSpan.FromSeconds", Number(BaseDelaySeconds))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>A call of the method named in full by <paramref name="method"/>.</summary>
    public static InvocationExpressionSyntax Call(string method, params ExpressionSyntax[] arguments) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression(method),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(SyntaxFactory.Argument))));

    /// <summary>The shortest literal of <paramref name="value"/>: <c>2</c> (an int, as C# reads it), <c>0.5</c>.</summary>
    private static ExpressionSyntax Number(double value) =>
        SyntaxFactory.ParseExpression(value.ToString("R", CultureInfo.InvariantCulture));
}
