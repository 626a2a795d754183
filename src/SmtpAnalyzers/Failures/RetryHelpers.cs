using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.Failures;

/// <summary>What a retry helper of the compilation does with the code it is handed (<see cref="RetryHelpers"/>).</summary>
internal enum RetryHelperVerdict
{
    /// <summary>Not a helper whose body is in the compilation, or one that uses the code in a way not followed here.</summary>
    Unknown,

    /// <summary>It runs the code once: no loop of its catches the failures and goes round again.</summary>
    RunsOnce,

    /// <summary>It runs the code again after a failure, and something (its filter, its clause, another mechanism) decides which.</summary>
    Retries,

    /// <summary>It runs the code again after any exception: no filter on the exception and no test of it.</summary>
    RetriesEveryException,
}

/// <summary>
/// Retry helpers of the compilation (<c>Retry.RunAsync(() =&gt; smtp.SendAsync(m))</c>, <c>WithRetry(action)</c>): a
/// method whose body is in source is judged by what it does with the delegate it is handed, never by its name. The
/// delegate is invoked inside the <c>try</c> of a <c>while</c>, <c>do</c> or <c>for</c> loop whose catch clause goes
/// round again (a retry; of every exception when the clause catches <c>Exception</c> without testing it), or
/// invoked once (no retry); handed on to a Polly policy's <c>Execute…</c> it is retried by Polly, whose predicate
/// the Polly rules judge. Any other use of the delegate leaves the verdict unknown, and then the name decides.
/// </summary>
internal static class RetryHelpers
{
    private static readonly ConditionalWeakTable<IMethodSymbol, StrongBox<RetryHelperVerdict>> Verdicts = new();

    /// <summary>What <paramref name="method"/> does with the delegates it is handed, computed once per method.</summary>
    public static RetryHelperVerdict Of(IMethodSymbol method, Compilation compilation, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method;
        method = method.OriginalDefinition;
        if (Verdicts.TryGetValue(method, out var known))
        {
            return known.Value;
        }

        var verdict = Judge(method, compilation, symbols, cancellationToken);
        return Verdicts.GetValue(method, _ => new StrongBox<RetryHelperVerdict>(verdict)).Value;
    }

    private static RetryHelperVerdict Judge(IMethodSymbol method, Compilation compilation, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
            || (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not { } body
            || !compilation.ContainsSyntaxTree(declaration.SyntaxTree))
        {
            return RetryHelperVerdict.Unknown;
        }

        // The helper's body may be in another file than the call being judged, whose model is not the context's. The
        // driver's compilation hands out its cached models, so this binds the helper's body once for every rule.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        var model = compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
        var verdict = RetryHelperVerdict.Unknown;
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.TypeKind != TypeKind.Delegate)
            {
                continue;
            }

            foreach (var node in body.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name
                    || name.Identifier.ValueText != parameter.Name
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, parameter))
                {
                    continue;
                }

                var use = UseOf(name, model, symbols, cancellationToken);
                if (use == RetryHelperVerdict.Unknown)
                {
                    return RetryHelperVerdict.Unknown;
                }

                verdict = verdict > use ? verdict : use;
            }
        }

        return verdict;
    }

    /// <summary>What one use of the delegate parameter does with it.</summary>
    private static RetryHelperVerdict UseOf(IdentifierNameSyntax name, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        // action(…) or action.Invoke(…): run here; handed to a Polly policy: retried by Polly.
        var invocation = name.Parent switch
        {
            InvocationExpressionSyntax call when call.Expression == name => call,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Parent: InvocationExpressionSyntax call } access when access.Expression == name => call,
            _ => null,
        };
        if (invocation is null)
        {
            return name.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax receiver }
                && RetryMechanisms.IsPollyExecute(receiver, model, symbols, cancellationToken)
                    ? RetryHelperVerdict.Retries
                    : RetryHelperVerdict.Unknown;
        }

        // A try of a retry loop around the call, within the same function, whose clause goes round again.
        var child = (SyntaxNode)invocation;
        for (var node = invocation.Parent; node is not null && !OwnCode.IsFunction(node) && node is not MemberDeclarationSyntax; child = node, node = node.Parent)
        {
            if (node is TryStatementSyntax tryStatement
                && child == tryStatement.Block
                && RetryLoops.EnclosingLoop(tryStatement) is { } loop
                && !RetryLoops.IsPerItemLoop(loop))
            {
                foreach (var catchClause in tryStatement.Catches)
                {
                    if (RetryLoops.GoesRoundAgain(catchClause, model, cancellationToken))
                    {
                        return RetriesEverything(catchClause, model, cancellationToken) ? RetryHelperVerdict.RetriesEveryException : RetryHelperVerdict.Retries;
                    }
                }
            }
        }

        return RetryHelperVerdict.RunsOnce;
    }

    /// <summary>
    /// Whether a retrying clause takes every exception as it comes: it catches <c>Exception</c> (or has no type), its
    /// filter (if any) does not look at the exception, and its block only writes the exception out.
    /// </summary>
    private static bool RetriesEverything(CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken)
    {
        if (catchClause.Declaration is { } declaration
            && CatchClauses.CaughtType(declaration, model, cancellationToken) is not { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
        {
            return false;
        }

        var names = FailureNames.Of(catchClause);
        if (catchClause.Filter is { } filter && names.Mentions(filter.FilterExpression))
        {
            return false;
        }

        foreach (var node in OwnCode.OwnNodes(catchClause.Block))
        {
            if (node is IdentifierNameSyntax identifier && names.IsReference(identifier) && !Handlers.IsOnlyWrittenOut(identifier))
            {
                return false;
            }
        }

        return true;
    }
}
