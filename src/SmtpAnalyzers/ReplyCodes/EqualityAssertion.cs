using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.ReplyCodes;

/// <summary>
/// Equality assertions of the test frameworks, which compare two values as <c>==</c> does (SPEC "SMTP context"):
/// xunit <c>Assert.Equal</c>/<c>NotEqual</c>, NUnit <c>Assert.That(actual, Is.EqualTo(expected))</c> (also
/// <c>Is.Not.EqualTo</c>) and <c>Assert.AreEqual</c>/<c>ClassicAssert.AreEqual</c>, MSTest
/// <c>Assert.AreEqual</c>/<c>AreNotEqual</c>, FluentAssertions <c>actual.Should().Be(expected)</c>/<c>NotBe</c>.
/// Recognised by the full name of the method's type, never by the text of the call.
/// </summary>
internal static class EqualityAssertion
{
    /// <summary>
    /// The value an equality assertion compares <paramref name="argument"/> with, or null when the argument is
    /// not one side of an equality assertion. <paramref name="typeArgumentsWritten"/>: the assertion names its
    /// type argument (<c>Assert.Equal&lt;int&gt;(…)</c>), so the compared values must keep their type.
    /// </summary>
    public static IOperation? ComparedWith(IArgumentOperation argument, out bool typeArgumentsWritten)
    {
        typeArgumentsWritten = false;
        if (argument.Parent is not IInvocationOperation invocation || argument.Parameter is not { } parameter)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            // Assert.Equal(expected, actual): either argument is compared with the other.
            case "Equal" or "NotEqual" when IsType(method.ContainingType, "Assert", "Xunit"):
            case "AreEqual" or "AreNotEqual" when IsType(method.ContainingType, "Assert", "NUnit", "Framework")
                || IsType(method.ContainingType, "ClassicAssert", "NUnit", "Framework", "Legacy")
                || IsType(method.ContainingType, "Assert", "Microsoft", "VisualStudio", "TestTools", "UnitTesting"):
                if (parameter.Ordinal > 1)
                {
                    return null;
                }

                typeArgumentsWritten = WritesTypeArguments(invocation);
                return OtherSide(invocation, argument);

            // Assert.That(actual, Is.EqualTo(expected)), Assert.That(actual, Is.Not.EqualTo(expected))
            case "EqualTo" when parameter.Ordinal == 0
                && (IsType(method.ContainingType, "Is", "NUnit", "Framework")
                    || IsType(method.ContainingType, "ConstraintExpression", "NUnit", "Framework", "Constraints")):
                IOperation constraintValue = invocation;
                while (constraintValue.Parent is IConversionOperation { IsImplicit: true } conversion)
                {
                    constraintValue = conversion;
                }

                if (constraintValue.Parent is not IArgumentOperation { Parent: IInvocationOperation that } constraint
                    || that.TargetMethod.Name != "That"
                    || !IsType(that.TargetMethod.ContainingType, "Assert", "NUnit", "Framework")
                    || constraint.Parameter?.Ordinal != 1)
                {
                    return null;
                }

                typeArgumentsWritten = WritesTypeArguments(that);
                return ArgumentAt(that, 0);

            // actual.Should().Be(expected): Should is an extension method, its receiver its first argument.
            case "Be" or "NotBe" when parameter.Ordinal == 0 && SmtpSymbols.OutermostNamespace(method.ContainingType) == "FluentAssertions":
                if (invocation.Instance is not IInvocationOperation { TargetMethod.Name: "Should" } should
                    || SmtpSymbols.OutermostNamespace(should.TargetMethod.ContainingType) != "FluentAssertions")
                {
                    return null;
                }

                return ArgumentAt(should, 0);

            default:
                return null;
        }
    }

    private static IOperation? OtherSide(IInvocationOperation invocation, IArgumentOperation argument)
    {
        foreach (var other in invocation.Arguments)
        {
            if (other != argument && other.Parameter?.Ordinal is 0 or 1)
            {
                return ReplyCodeContext.WithoutImplicitConversions(other.Value);
            }
        }

        return null;
    }

    private static IOperation? ArgumentAt(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return ReplyCodeContext.WithoutImplicitConversions(argument.Value);
            }
        }

        return null;
    }

    private static bool WritesTypeArguments(IInvocationOperation invocation) =>
        invocation.Syntax is InvocationExpressionSyntax { Expression: GenericNameSyntax or MemberAccessExpressionSyntax { Name: GenericNameSyntax } };

    /// <summary>Whether <paramref name="type"/> is the type <paramref name="name"/> in the namespace <paramref name="namespaces"/>, outermost first.</summary>
    private static bool IsType(INamedTypeSymbol? type, string name, params string[] namespaces)
    {
        if (type is null || type.Name != name || type.ContainingType is not null)
        {
            return false;
        }

        var space = type.ContainingNamespace;
        for (var i = namespaces.Length - 1; i >= 0; i--)
        {
            if (space is null || space.Name != namespaces[i])
            {
                return false;
            }

            space = space.ContainingNamespace;
        }

        return space is { IsGlobalNamespace: true };
    }
}
