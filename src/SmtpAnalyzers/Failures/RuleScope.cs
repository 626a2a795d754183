using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// Where the transient-failure rules look (SPEC "Where these rules look"): production code. Test code is left
/// out unless <c>smtp_analyzers.transient_rules_in_tests = true</c>: all the code of a test project (one that
/// references a test framework, see <see cref="SmtpSymbols.IsTestProject"/>), and in any project a method or local
/// function with a test attribute (xunit, NUnit, MSTest, or an attribute deriving from one), the lambdas inside it,
/// and a lambda handed to <c>Assert.Throws…</c>. A mail transport's own implementation (a type implementing MailKit's
/// <c>IMailTransport</c>, which <c>MailTransport</c> and <c>SmtpClient</c> do) is left out too: throwing is its contract.
/// </summary>
internal static class RuleScope
{
    /// <summary>The .editorconfig key that turns the transient-failure rules on in test code.</summary>
    public const string RulesInTestsOption = "smtp_analyzers.transient_rules_in_tests";

    private static readonly string[] TestAttributes =
    [
        "Xunit.FactAttribute",
        "Xunit.TheoryAttribute",
        "NUnit.Framework.TestAttribute",
        "NUnit.Framework.TestCaseAttribute",
        "NUnit.Framework.TestCaseSourceAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.DataTestMethodAttribute",
    ];

    /// <summary>Whether the option turns the rules on in the test code of <paramref name="tree"/>.</summary>
    public static bool RulesInTests(AnalyzerOptions options, SyntaxTree tree) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(RulesInTestsOption, out var value)
        && bool.TryParse(value?.Trim(), out var on)
        && on;

    /// <summary>Whether the rules judge the code at <paramref name="node"/>.</summary>
    public static bool Judges(SyntaxNode node, bool rulesInTests, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        // All of a test project is test code: its helpers, fixtures and fake senders as well as its test methods.
        if (!rulesInTests && symbols.IsTestProject)
        {
            return false;
        }

        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax function when !rulesInTests && IsHandedToAssertThrows(function):
                    return false;

                case MethodDeclarationSyntax { AttributeLists.Count: > 0 } when !rulesInTests && IsTest(current, model, cancellationToken):
                    return false;

                case LocalFunctionStatementSyntax { AttributeLists.Count: > 0 } when !rulesInTests && IsTest(current, model, cancellationToken):
                    return false;

                // Any part of a partial type: the base list may be written on another part.
                case TypeDeclarationSyntax type when ImplementsTransport(type, model, symbols, cancellationToken):
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the method or local function declared by <paramref name="declaration"/> carries a test attribute, or an
    /// attribute deriving from one (xunit's custom facts).
    /// </summary>
    private static bool IsTest(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
            {
                var name = type.ToDisplayString();
                foreach (var test in TestAttributes)
                {
                    if (name == test)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary><c>Assert.Throws&lt;T&gt;(() =&gt; …)</c>, <c>Assert.ThrowsAsync</c>, <c>Assert.ThrowsAny…</c>, MSTest's <c>Assert.ThrowsException…</c>.</summary>
    private static bool IsHandedToAssertThrows(AnonymousFunctionExpressionSyntax function) =>
        function.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
        && invocation.Expression is MemberAccessExpressionSyntax access
        && access.Name.Identifier.ValueText.StartsWith("Throws", System.StringComparison.Ordinal)
        && access.Expression switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Assert" } => true,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Assert" } => true,
            _ => false,
        };

    private static bool ImplementsTransport(TypeDeclarationSyntax type, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        symbols.MailKitMailTransport is { } transport
        && model.GetDeclaredSymbol(type, cancellationToken) is INamedTypeSymbol declared
        && SmtpSymbols.IsOrImplements(declared, transport);
}
