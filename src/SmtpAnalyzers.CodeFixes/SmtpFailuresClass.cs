using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// <c>SmtpFailures.IsTransient(Exception)</c>, which the package's generator adds to every project (or a fix adds as
/// <c>SmtpFailures.cs</c> with generation off): the one retry predicate every fix writes, one library-aware definition
/// of a failure worth another attempt (MailKit's 4xx replies, lost connections and AUTH failures wrapping a 4xx reply;
/// System.Net.Mail's 4xx and <c>GeneralFailure</c>, never a per-recipient failure, which is SMTP106's).
/// </summary>
internal sealed class SmtpFailuresClass
{
    public const string ClassName = "SmtpFailures";

    public const string IsTransientName = "IsTransient";

    private readonly ConstantsClass _class;

    private SmtpFailuresClass(ConstantsClass failures) => _class = failures;

    /// <summary>The namespace the class is (or will be) declared in; null for the global namespace.</summary>
    public string? Namespace => _class.Namespace;

    /// <summary>The predicate of <paramref name="failures"/>, or null when a class of the user's own lacks it.</summary>
    public static SmtpFailuresClass? For(ConstantsClass failures) => failures.Has(IsTransientName) ? new SmtpFailuresClass(failures) : null;

    /// <summary><c>SmtpFailures.IsTransient</c>, qualified in full and annotated so that cleanup shortens it.</summary>
    public ExpressionSyntax IsTransient() => (ExpressionSyntax)_class.Reference(IsTransientName);

    /// <summary><c>SmtpFailures.IsTransient(<paramref name="exception"/>)</c>.</summary>
    public ExpressionSyntax IsTransient(ExpressionSyntax exception) =>
        SyntaxFactory.InvocationExpression(IsTransient(), SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(exception))));
}
