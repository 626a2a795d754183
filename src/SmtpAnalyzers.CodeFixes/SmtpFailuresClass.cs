using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// The <c>SmtpFailures</c> class the package's generator adds to every project, whose
/// <c>IsTransient(Exception)</c> is the one retry predicate every fix writes: one library-aware definition of a
/// failure worth another attempt (MailKit's 4xx replies, lost connections and AUTH failures wrapping a 4xx reply;
/// System.Net.Mail's 4xx and <c>GeneralFailure</c>, never a per-recipient failure, which is SMTP106's). A fix that
/// needs it offers nothing when the project has no such class (the generator turned off).
/// </summary>
internal sealed class SmtpFailuresClass
{
    public const string ClassName = "SmtpFailures";

    public const string IsTransientName = "IsTransient";

    private SmtpFailuresClass(INamedTypeSymbol type) => Type = type;

    public INamedTypeSymbol Type { get; }

    /// <summary>The project's <c>SmtpFailures</c> with a static <c>IsTransient(Exception)</c>, or null.</summary>
    public static SmtpFailuresClass? Find(Compilation compilation)
    {
        var exception = compilation.GetTypeByMetadataName("System.Exception");
        foreach (var symbol in compilation.GetSymbolsWithName(ClassName, SymbolFilter.Type))
        {
            if (symbol is INamedTypeSymbol { IsStatic: true, Arity: 0, ContainingType: null } type
                && type.GetMembers(IsTransientName).OfType<IMethodSymbol>().Any(method =>
                    method.IsStatic
                    && method.Parameters.Length == 1
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, exception)
                    && method.ReturnType.SpecialType == SpecialType.System_Boolean))
            {
                return new SmtpFailuresClass(type);
            }
        }

        return null;
    }

    /// <summary><c>SmtpFailures.IsTransient</c>, qualified in full and annotated so that cleanup shortens it.</summary>
    public ExpressionSyntax IsTransient() =>
        SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                (ExpressionSyntax)SyntaxFactory.ParseTypeName(Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)),
                SyntaxFactory.IdentifierName(IsTransientName))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary><c>SmtpFailures.IsTransient(<paramref name="exception"/>)</c>.</summary>
    public ExpressionSyntax IsTransient(ExpressionSyntax exception) =>
        SyntaxFactory.InvocationExpression(IsTransient(), SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(exception))));

    /// <summary>The namespace the class is declared in; null for the global namespace.</summary>
    public string? Namespace => Type.ContainingNamespace.IsGlobalNamespace ? null : Type.ContainingNamespace.ToDisplayString();
}
