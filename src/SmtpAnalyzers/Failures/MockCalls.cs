using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// Calls of a send that set up or verify a mock instead of sending (SPEC: they are not sends): NSubstitute's
/// <c>client.Received().SendAsync(…)</c>, <c>client.SendAsync(…).Returns(…)</c>/<c>.Throws(…)</c>, and a send inside a
/// lambda handed to a method of a mocking library (Moq's <c>Setup</c>/<c>Verify</c>, NSubstitute's <c>When</c>).
/// </summary>
internal static class MockCalls
{
    private static readonly string[] MockingNamespaces = ["NSubstitute", "Moq"];

    /// <summary>Whether <paramref name="send"/> (an invocation that binds to a send) sets up or verifies a mock.</summary>
    public static bool IsMockCall(InvocationExpressionSyntax send, SemanticModel model, CancellationToken cancellationToken)
    {
        // client.Received().SendAsync(message)
        if (send.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax receiver }
            && IsMockingMethod(receiver, model, cancellationToken))
        {
            return true;
        }

        // client.SendAsync(message).Returns(...): the send is the receiver of a mocking extension method.
        SyntaxNode node = send;
        while (node.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax configured } access
            && access.Expression == node
            && IsMockingMethod(configured, model, cancellationToken))
        {
            return true;
        }

        // mock.Setup(c => c.Send(message)), mock.Verify(c => c.SendAsync(message, default), Times.Once)
        for (var current = send.Parent; current is not null and not StatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax handedTo } } }
                && IsMockingMethod(handedTo, model, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMockingMethod(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(invocation, cancellationToken);
        var method = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
        return Array.IndexOf(MockingNamespaces, SmtpSymbols.OutermostNamespace(method)) >= 0;
    }
}
