using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Catalog;
using SmtpAnalyzers.ReplyCodes;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP105: a decision between retrying a send and giving up that tests one transient reply code
/// (<c>ex.StatusCode == SmtpStatusCode.ServiceNotAvailable</c>), so that the other 4xx replies take the
/// give-up path. Looked for in three places only, where the decision is plain from the code around it:
/// the <c>when</c> filter of a catch clause around a send, an <c>if</c> at the top level of such a clause,
/// and the predicate of a Polly retry (<c>Handle&lt;T&gt;(…)</c>, <c>Or&lt;T&gt;(…)</c>, <c>ShouldHandle</c>). A call of a
/// send wrapper of the compilation (<see cref="SendWrappers"/>) is a send here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingleTransientCodeAnalyzer : MailSendAnalyzer
{
    /// <summary>The transient replies a mail client meets most, named in the message.</summary>
    private static readonly int[] CommonTransientCodes = [421, 450, 451, 452];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SingleTransientCode);

    private protected override void Register(AnalysisContext context) =>
        RegisterFileAction(context, static (file, symbols) =>
        {
            var tree = file.SemanticModel.SyntaxTree;
            foreach (var tryStatement in Sends.TriesAroundCalls(tree, orAuthentication: false, orWrapperCalls: true))
            {
                // A report needs the one code to be retried. Outside a loop only something a clause of the try calls
                // or says can retry it, and a try whose clauses spell none of that (a text search) is done.
                var inLoop = RetryLoops.EnclosingLoop(tryStatement) is { } loop && !RetryLoops.IsPerItemLoop(loop);
                if (!inLoop && !AnyClauseMayTryAgain(tryStatement))
                {
                    continue;
                }

                foreach (var catchClause in tryStatement.Catches)
                {
                    AnalyzeCatch(catchClause, tryStatement, inLoop, file, symbols);
                }
            }

            // Lambdas matter only as Polly predicates.
            if (symbols.ReferencesPolly)
            {
                foreach (var lambda in LambdasTestingStatus(tree))
                {
                    AnalyzeLambda(lambda, file, symbols);
                }
            }
        });

    /// <summary>
    /// The single-code test that decides <paramref name="condition"/>, and whether the condition is true for
    /// that code (<c>==</c>) or for every other one (<c>!=</c>). Conjuncts (<c>&amp;&amp;</c>) only narrow a test that is
    /// true for one code, so they are allowed there; an <c>||</c>, an <c>or</c> pattern or a second status test is more
    /// than one code and yields null.
    /// </summary>
    internal static (StatusEquality Test, bool TrueForTheCode)? Decision(
        ExpressionSyntax condition, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Decision(parenthesized.Expression, model, symbols, cancellationToken);

            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return Decision(not.Operand, model, symbols, cancellationToken) is { } inner ? (inner.Test, !inner.TrueForTheCode) : null;

            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                var left = Decision(and.Left, model, symbols, cancellationToken);
                var right = Decision(and.Right, model, symbols, cancellationToken);
                var found = left ?? right;
                return found is { TrueForTheCode: true } && (left is null || right is null) && !MentionsStatus(left is null ? and.Left : and.Right)
                    ? found
                    : null;

            // ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable }
            case IsPatternExpressionSyntax { Pattern: RecursivePatternSyntax { PropertyPatternClause.Subpatterns: { Count: 1 } subpatterns, PositionalPatternClause: null } }:
                return StatusEquality.From(subpatterns[0], model, symbols, cancellationToken) is { } property && IsTransient(property.Value) ? (property, true) : null;

            default:
                return StatusEquality.From(condition, model, symbols, cancellationToken) is { } test && IsTransient(test.Value)
                    ? (test, !test.Negated)
                    : null;
        }
    }

    private static void AnalyzeCatch(
        CatchClauseSyntax catchClause, TryStatementSyntax tryStatement, bool inLoop, TransientFile context, SmtpSymbols symbols)
    {
        if (!MentionsStatus(catchClause))
        {
            return;
        }

        // The single-code tests first (a few constant and type queries); what retries only when there is one.
        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        var filterDecision = catchClause.Filter is { } filter ? Decision(filter.FilterExpression, model, symbols, cancellationToken) : null;
        var statements = catchClause.Block.Statements;
        var ifDecisions = new List<(int Index, StatusEquality Test, bool TrueForTheCode)>();
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i] is IfStatementSyntax ifStatement && Decision(ifStatement.Condition, model, symbols, cancellationToken) is { } decision)
            {
                ifDecisions.Add((i, decision.Test, decision.TrueForTheCode));
            }
        }

        if ((filterDecision is null && ifDecisions.Count == 0)
            || !CatchesFailuresOfASend(catchClause, tryStatement, model, symbols, cancellationToken))
        {
            return;
        }

        var (earlierRetry, laterRetry) = OtherClausesRetry(tryStatement, catchClause, inLoop, model, symbols, cancellationToken);
        if (filterDecision is { } onFilter)
        {
            // The clause takes the code (==) or every other one (!=); the rest go on to the later clauses.
            var clauseRetries = ClauseRetries(catchClause, inLoop, model, symbols, cancellationToken);
            var (codeRetried, othersRetried) = onFilter.TrueForTheCode
                ? (clauseRetries, earlierRetry || laterRetry)
                : (earlierRetry || laterRetry, earlierRetry || clauseRetries);
            Report(context, onFilter.Test, codeRetried, othersRetried);
        }

        // An earlier clause that retries has already taken the transient failures.
        if (earlierRetry)
        {
            return;
        }

        foreach (var (index, test, trueForTheCode) in ifDecisions)
        {
            var ifStatement = (IfStatementSyntax)statements[index];
            var restRetries = RestRetries(catchClause.Block, index + 1, inLoop, model, symbols, cancellationToken);
            var thenRetries = PathRetries(ifStatement.Statement, restRetries, model, symbols, cancellationToken);
            var elseRetries = PathRetries(ifStatement.Else?.Statement, restRetries, model, symbols, cancellationToken);
            var (codeRetried, othersRetried) = trueForTheCode ? (thenRetries, elseRetries) : (elseRetries, thenRetries);
            Report(context, test, codeRetried, othersRetried);
        }
    }

    /// <summary>A predicate of a Polly retry: <c>Handle&lt;SmtpCommandException&gt;(ex =&gt; …)</c> or <c>ShouldHandle = args =&gt; …</c>.</summary>
    private static void AnalyzeLambda(LambdaExpressionSyntax lambda, TransientFile context, SmtpSymbols symbols)
    {
        var body = lambda.ExpressionBody!;

        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        bool isRetryPredicate;
        if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax handle } }
            && Sends.InvokedName(handle) is "Handle" or "Or")
        {
            isRetryPredicate = model.GetSymbolInfo(handle, cancellationToken).Symbol is IMethodSymbol method
                && symbols.IsPollyExceptionHandler(method)
                && IsOnlyHandlerOfItsType(handle, method, model, cancellationToken)
                && ChainRetries(handle, model, cancellationToken);
        }
        else
        {
            // v8: ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is SmtpCommandException { StatusCode: … })
            isRetryPredicate = IsShouldHandleOfRetry(lambda, model, cancellationToken);
            if (body is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } wrapper
                && Sends.InvokedName(wrapper) is "FromResult")
            {
                body = wrapper.ArgumentList.Arguments[0].Expression;
            }
        }

        if (isRetryPredicate && Decision(body, model, symbols, cancellationToken) is { TrueForTheCode: true } decision)
        {
            Report(context, decision.Test, codeRetried: true, othersRetried: false);
        }
    }

    private static void Report(TransientFile context, StatusEquality test, bool codeRetried, bool othersRetried)
    {
        if (!codeRetried || othersRetried)
        {
            return;
        }

        var code = ReplyCatalog.Find(test.Value);
        var others = string.Empty;
        foreach (var other in CommonTransientCodes)
        {
            if (other != test.Value)
            {
                others += (others.Length == 0 ? string.Empty : ", ") + other;
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.SingleTransientCode,
            test.Test.GetLocation(),
            test.Value + (code is null ? string.Empty : " '" + code.Title + "'"),
            others));
    }

    private static bool IsTransient(int value) => value / 100 == 4;

    /// <summary>
    /// The lambdas of <paramref name="tree"/> with an expression body that names <c>StatusCode</c>, each once: found
    /// by searching the text for the name and walking out from each occurrence, not by visiting every lambda.
    /// </summary>
    private static List<LambdaExpressionSyntax> LambdasTestingStatus(SyntaxTree tree)
    {
        var lambdas = new List<LambdaExpressionSyntax>();
        HashSet<LambdaExpressionSyntax>? seen = null;
        var names = new List<SyntaxToken>();
        TextSearch.AddIdentifiers(tree, Handlers.StatusCodeName, TextSearch.NameAlone, names);
        foreach (var token in names)
        {
            for (var node = token.Parent; node is not null; node = node.Parent)
            {
                if (node is LambdaExpressionSyntax { ExpressionBody: { } body } lambda && body.Span.Contains(token.Span) && (seen ??= []).Add(lambda))
                {
                    lambdas.Add(lambda);
                }
            }
        }

        return lambdas;
    }

    private static bool AnyClauseMayTryAgain(TryStatementSyntax tryStatement)
    {
        foreach (var catchClause in tryStatement.Catches)
        {
            if (Handlers.MayTryAgainIn(catchClause.Block))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Cheap syntactic test: an identifier <c>StatusCode</c> appears in <paramref name="node"/>.</summary>
    private static bool MentionsStatus(SyntaxNode node) =>
        !Handlers.NextStatusCodeName(node, node.SpanStart).IsKind(SyntaxKind.None);

    private static bool CatchesFailuresOfASend(
        CatchClauseSyntax catchClause, TryStatementSyntax tryStatement, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var (send, library) in Sends.SendsIn(tryStatement.Block, model, symbols, cancellationToken, orWrapperCalls: true))
        {
            if (!RetryMechanisms.IsInsideRetry(send, tryStatement.Block, model, symbols, cancellationToken)
                && !CatchClauses.IsCaughtWithin(send, tryStatement.Block, library, model, symbols, cancellationToken)
                && CatchClauses.CatchesSendFailures(catchClause, library, model, symbols, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a clause tries again: in its body, or by letting the loop around the <c>try</c> go round.</summary>
    private static bool ClauseRetries(CatchClauseSyntax catchClause, bool inLoop, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        Handlers.TriesAgainIn(catchClause.Block, model, symbols, cancellationToken)
        || (inLoop && RetryLoops.GoesRoundAgain(catchClause, model, cancellationToken));

    /// <summary>
    /// Whether a clause before <paramref name="catchClause"/>, and one after it, catches replies and tries again. A clause
    /// for a lost connection alone (<c>SmtpProtocolException</c>) does not retry the other 4xx replies.
    /// </summary>
    private static (bool Earlier, bool Later) OtherClausesRetry(
        TryStatementSyntax tryStatement, CatchClauseSyntax catchClause, bool inLoop, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        bool earlier = false, later = false, after = false;
        foreach (var other in tryStatement.Catches)
        {
            if (other == catchClause)
            {
                after = true;
            }
            else if (symbols.CatchesReplyFailures(other.Declaration is { } declaration ? CatchClauses.CaughtType(declaration, model, cancellationToken) : null)
                && ClauseRetries(other, inLoop, model, symbols, cancellationToken))
            {
                earlier |= !after;
                later |= after;
            }
        }

        return (earlier, later);
    }

    /// <summary>Whether the statements of the clause after the <c>if</c> try again, or end the clause inside a retry loop.</summary>
    private static bool RestRetries(BlockSyntax block, int first, bool inLoop, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var statements = block.Statements;
        for (var i = first; i < statements.Count; i++)
        {
            if (Handlers.TriesAgainIn(statements[i], model, symbols, cancellationToken))
            {
                return true;
            }
        }

        return inLoop
            && (first >= statements.Count
                || model.AnalyzeControlFlow(statements[first], statements[statements.Count - 1]) is { Succeeded: true, EndPointIsReachable: true });
    }

    /// <summary>Whether a branch of the <c>if</c> (null: no <c>else</c>) tries again, itself or by going on to the rest of the clause.</summary>
    private static bool PathRetries(StatementSyntax? branch, bool restRetries, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (branch is null)
        {
            return restRetries;
        }

        return Handlers.TriesAgainIn(branch, model, symbols, cancellationToken)
            || (restRetries && model.AnalyzeControlFlow(branch) is { Succeeded: true, EndPointIsReachable: true });
    }

    /// <summary>
    /// Whether no other <c>Handle</c>/<c>Or</c> of the same chain handles the same exception type: a second
    /// predicate usually admits the other codes (<c>.Or&lt;SmtpCommandException&gt;(ex =&gt; IsGreylisting(ex))</c>).
    /// </summary>
    private static bool IsOnlyHandlerOfItsType(InvocationExpressionSyntax handle, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.TypeArguments.Length != 1)
        {
            return false;
        }

        foreach (var link in Chain(handle))
        {
            if (link != handle
                && Sends.InvokedName(link) is "Handle" or "Or" or "HandleInner" or "OrInner"
                && model.GetSymbolInfo(link, cancellationToken).Symbol is IMethodSymbol { TypeArguments.Length: 1 } other
                && (SmtpSymbols.InheritsFrom(other.TypeArguments[0] as INamedTypeSymbol, method.TypeArguments[0] as INamedTypeSymbol)
                    || SmtpSymbols.InheritsFrom(method.TypeArguments[0] as INamedTypeSymbol, other.TypeArguments[0] as INamedTypeSymbol)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the chain goes on to a retry: <c>.WaitAndRetryAsync(…)</c>, or is the <c>ShouldHandle</c> of retry options.</summary>
    private static bool ChainRetries(InvocationExpressionSyntax handle, SemanticModel model, CancellationToken cancellationToken)
    {
        var chain = Chain(handle);
        foreach (var link in chain)
        {
            if (OwnCode.NameContains(Sends.InvokedName(link), "Retry"))
            {
                return true;
            }
        }

        return IsShouldHandleOfRetry(chain[0], model, cancellationToken);
    }

    /// <summary>
    /// The invocations of the fluent chain <paramref name="handle"/> is part of, outermost first:
    /// <c>Policy.Handle&lt;T&gt;(…).Or&lt;U&gt;().RetryAsync(3)</c>.
    /// </summary>
    private static ImmutableArray<InvocationExpressionSyntax> Chain(InvocationExpressionSyntax handle)
    {
        var outermost = handle;
        while (outermost.Parent is MemberAccessExpressionSyntax access && access.Expression == outermost && access.Parent is InvocationExpressionSyntax outer)
        {
            outermost = outer;
        }

        var links = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
        for (var link = outermost; link is not null; link = (link.Expression as MemberAccessExpressionSyntax)?.Expression as InvocationExpressionSyntax)
        {
            links.Add(link);
        }

        return links.ToImmutable();
    }

    /// <summary><c>new RetryStrategyOptions { ShouldHandle = <paramref name="value"/> }</c>.</summary>
    private static bool IsShouldHandleOfRetry(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken) =>
        value.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "ShouldHandle" } } assignment
        && assignment.Right == value
        && assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax options }
        && model.GetTypeInfo(options, cancellationToken).Type is { } type
        && OwnCode.NameContains(type.Name, "Retry")
        && type.ContainingNamespace?.ToDisplayString().StartsWith("Polly", System.StringComparison.Ordinal) == true;
}
