using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// <c>SmtpRetry</c>, the project's one Polly retry of transient SMTP failures that the SMTP101 fix runs its units in:
/// a static class of that name with a <c>ResiliencePipeline Pipeline</c> (Polly.Core), or an <c>ISyncPolicy Policy</c>
/// and an <c>IAsyncPolicy AsyncPolicy</c> (Polly's v7 API). The fix does not write the class: a file added by a fix
/// becomes a second <c>Compile</c> item under <c>dotnet format</c> (NETSDK1022), and a static copy in every class is
/// what the shared retry replaces. Without it the fix writes a loop. The rule page shows the class to add.
/// </summary>
internal sealed class SmtpRetryClass
{
    public const string ClassName = "SmtpRetry";

    public const string Pipeline = "Pipeline";

    public const string Policy = "Policy";

    public const string AsyncPolicy = "AsyncPolicy";

    private readonly INamedTypeSymbol _existing;
    private readonly bool _pipelines;

    private SmtpRetryClass(INamedTypeSymbol existing, bool pipelines)
    {
        _existing = existing;
        _pipelines = pipelines;
    }

    /// <summary>The project's <c>SmtpRetry</c> for a project that references Polly (Polly.Core when <paramref name="pipelines"/>), or null.</summary>
    public static SmtpRetryClass? For(Compilation compilation, bool pipelines)
    {
        var existing = compilation.GetSymbolsWithName(ClassName, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .FirstOrDefault(type => type.ContainingType is null && type.IsStatic);
        return existing is null ? null : new SmtpRetryClass(existing, pipelines);
    }

    /// <summary>The member a fix uses: the pipeline, or the v7 policy for sync or async code.</summary>
    public string MemberFor(bool isAsync) => _pipelines ? Pipeline : isAsync ? AsyncPolicy : Policy;

    /// <summary>True when the class has <paramref name="member"/> as a static field or property.</summary>
    public bool Has(string member) => _existing.GetMembers(member).Any(symbol => symbol.IsStatic && symbol is IFieldSymbol or IPropertySymbol);

    /// <summary><c>SmtpRetry.<paramref name="member"/></c>, qualified in full and annotated so that cleanup shortens it.</summary>
    public ExpressionSyntax Reference(string member) =>
        SyntaxFactory.ParseExpression(_existing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
}
