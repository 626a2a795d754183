using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// <c>SmtpRetry</c>, the one Polly retry of a project that the SMTP101 fix runs its units in: the project's own class
/// of that name when it has one (its members are reused as they are), otherwise <c>SmtpRetry.cs</c>, which the fix
/// adds beside <c>SmtpFailures</c> once per project. With Polly.Core it holds a <c>ResiliencePipeline</c>
/// (<c>Pipeline</c>); with Polly's v7 API only, a sync and an async policy (<c>Policy</c>, <c>AsyncPolicy</c>). Each
/// retries what <c>SmtpFailures.IsTransient</c> admits, with the attempts and exponential, jittered delay of
/// <see cref="RetrySettings"/>.
/// </summary>
internal sealed class SmtpRetryClass
{
    public const string ClassName = "SmtpRetry";

    public const string FileName = ClassName + ".cs";

    public const string Pipeline = "Pipeline";

    public const string Policy = "Policy";

    public const string AsyncPolicy = "AsyncPolicy";

    private readonly INamedTypeSymbol? _existing;
    private readonly SmtpFailuresClass _failures;
    private readonly bool _pipelines;
    private readonly bool _randomShared;

    private SmtpRetryClass(INamedTypeSymbol? existing, SmtpFailuresClass failures, bool pipelines, bool randomShared)
    {
        _existing = existing;
        _failures = failures;
        _pipelines = pipelines;
        _randomShared = randomShared;
    }

    /// <summary>True once a fix referred to a class that the project does not have yet.</summary>
    public bool NeedsFile { get; private set; }

    /// <summary>The class for a project that references Polly (Polly.Core when <paramref name="pipelines"/>), or null without <c>SmtpFailures</c>.</summary>
    public static SmtpRetryClass? For(Compilation compilation, SmtpFailuresClass? failures, bool pipelines)
    {
        if (failures is null)
        {
            return null;
        }

        var existing = compilation.GetSymbolsWithName(ClassName, SymbolFilter.Type).OfType<INamedTypeSymbol>().FirstOrDefault(type => type.ContainingType is null);
        var randomShared = compilation.GetTypeByMetadataName("System.Random")?.GetMembers("Shared").Any() == true;
        return new SmtpRetryClass(existing, failures, pipelines, randomShared);
    }

    /// <summary>The member a fix uses: the pipeline, or the v7 policy for sync or async code.</summary>
    public string MemberFor(bool isAsync) => _pipelines ? Pipeline : isAsync ? AsyncPolicy : Policy;

    /// <summary>True when the class has (or, once written, will have) <paramref name="member"/>.</summary>
    public bool Has(string member) =>
        _existing is null ? member == Pipeline == _pipelines : _existing.GetMembers(member).Any(symbol => symbol.IsStatic);

    /// <summary><c>SmtpRetry.<paramref name="member"/></c>, qualified in full and annotated so that cleanup shortens it.</summary>
    public ExpressionSyntax Reference(string member)
    {
        NeedsFile |= _existing is null;
        var type = _existing is null
            ? "global::" + (_failures.Namespace is null ? string.Empty : _failures.Namespace + ".") + ClassName
            : _existing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return SyntaxFactory.ParseExpression(type + "." + member).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    /// <summary>Adds <c>SmtpRetry.cs</c> beside the project file when a fix referred to the class.</summary>
    public Solution AddFileIfUsed(Project project, RetrySettings settings)
    {
        if (!NeedsFile || project.Documents.Any(document => document.Name == FileName))
        {
            return project.Solution;
        }

        var directory = project.FilePath is null ? null : System.IO.Path.GetDirectoryName(project.FilePath);
        return project.AddDocument(
                FileName,
                SourceText.From(Generate(settings), Encoding.UTF8),
                filePath: directory is null ? null : System.IO.Path.Combine(directory, FileName))
            .Project.Solution;
    }

    /// <summary>The file: the class in <c>SmtpFailures</c>'s namespace, with the members the project's Polly offers.</summary>
    public string Generate(RetrySettings settings)
    {
        var retries = (settings.Attempts - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "// Written by the SmtpAnalyzers code fix for SMTP101. The project's senders share this retry: change it here.",
            "using System;",
            "using Polly;",
        };
        lines.AddRange(_pipelines ? ["using Polly.Retry;"] : []);
        lines.Add(string.Empty);
        var indent = _failures.Namespace is null ? string.Empty : "    ";
        if (_failures.Namespace is not null)
        {
            lines.Add("namespace " + _failures.Namespace);
            lines.Add("{");
        }

        var body = new List<string>
        {
            "/// <summary>",
            "/// The retry of transient SMTP failures (<see cref=\"SmtpFailures.IsTransient\"/>): " + settings.Attempts + " attempts in all, " + settings.BaseDelayLiteral + " s",
            "/// before the second, doubling after each failure, with jitter. Longer waits, such as a greylisting server asks for,",
            "/// belong in a queue that sends the message again later, not in a retry that holds the caller.",
            "/// </summary>",
            "internal static class " + ClassName,
            "{",
        };
        if (_pipelines)
        {
            body.AddRange(
            [
                "    public static readonly ResiliencePipeline " + Pipeline + " = new ResiliencePipelineBuilder()",
                "        .AddRetry(new RetryStrategyOptions",
                "        {",
                "            ShouldHandle = new PredicateBuilder().Handle<Exception>(SmtpFailures.IsTransient),",
                "            MaxRetryAttempts = " + retries + ",",
                "            Delay = TimeSpan.FromSeconds(" + settings.BaseDelayLiteral + "),",
                "            BackoffType = DelayBackoffType.Exponential,",
                "            UseJitter = true,",
                "        })",
                "        .Build();",
            ]);
        }
        else
        {
            body.AddRange(
            [
                "    public static readonly ISyncPolicy " + Policy + " = global::Polly.Policy",
                "        .Handle<Exception>(SmtpFailures.IsTransient)",
                "        .WaitAndRetry(" + retries + ", Delay);",
                string.Empty,
                "    public static readonly IAsyncPolicy " + AsyncPolicy + " = global::Polly.Policy",
                "        .Handle<Exception>(SmtpFailures.IsTransient)",
                "        .WaitAndRetryAsync(" + retries + ", Delay);",
                string.Empty,
                "    private static TimeSpan Delay(int attempt) =>",
                "        TimeSpan.FromSeconds(" + settings.BaseDelayLiteral + " * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * " + (_randomShared ? "Random.Shared" : "new Random()") + ".NextDouble()));",
            ]);
        }

        body.Add("}");
        lines.AddRange(body.Select(line => line.Length == 0 ? line : indent + line));
        if (_failures.Namespace is not null)
        {
            lines.Add("}");
        }

        return string.Join("\n", lines) + "\n";
    }
}
