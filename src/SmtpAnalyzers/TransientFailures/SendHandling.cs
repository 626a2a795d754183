using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// What the transient-failure rules ask about sends: is this invocation a send, does this catch clause
/// catch its failures, is this code handed to a retry mechanism. Syntax is tested before symbols.
/// </summary>
internal static class SendHandling
{
    /// <summary>Names of methods whose arguments are only written out, not tested.</summary>
    private static readonly string[] LoggingNames = ["Log", "Write", "Trace"];

    /// <summary>Names of methods that hand the message to something that tries again later.</summary>
    private static readonly string[] DeferringNames = ["Retry", "Requeue", "Defer", "Schedule", "Enqueue", "Outbox"];

    /// <summary>What the name of a method that retries or adds resilience contains.</summary>
    private static readonly string[] RetryNames = ["Retry", "Resilien"];

    /// <summary>How the name of a Polly policy's or pipeline's method that runs code starts.</summary>
    private const string ExecutePrefix = "Execute";

    /// <summary>
    /// What the text of a scope that tries a send again spells, ignoring case (see <see cref="TriesAgainIn"/>): the
    /// keyword <c>continue</c>, or a part of the name of a send, a retry mechanism or a deferring method.
    /// </summary>
    private static readonly string[] TryAgainWords = ["continue", "Send", ExecutePrefix, .. RetryNames, .. DeferringNames];

    /// <summary>The name of the invoked method as written (<c>SendAsync</c> in <c>smtp.SendAsync(m)</c>), or null.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>What a diagnostic names for a call: <c>smtp.Send</c>, or <c>smtp?.Send</c> for a conditional call (whose invocation is <c>.Send(m)</c>).</summary>
    public static string CalledText(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberBindingExpressionSyntax && invocation.Parent is ConditionalAccessExpressionSyntax access
            ? access.Expression + "?" + invocation.Expression
            : invocation.Expression.ToString();

    /// <summary>Whether a method of this name can be a send of either library.</summary>
    public static bool IsSendName(string? name) => name is "Send" or "SendAsync" or "SendMailAsync";

    /// <summary>Which library sends through <paramref name="invocation"/>, if it is a send.</summary>
    /// <remarks>A call that sets up or verifies a mock (<see cref="MockCalls"/>) is no send.</remarks>
    public static StatusLibrary SendLibraryOf(InvocationExpressionSyntax invocation, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        IsSendName(InvokedName(invocation))
            && symbols.SendLibraryOf(model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol) is var library and not StatusLibrary.None
            && !MockCalls.IsMockCall(invocation, model, cancellationToken)
                ? library
                : StatusLibrary.None;

    /// <summary>The sends in <paramref name="scope"/>, nested functions included.</summary>
    public static IEnumerable<(InvocationExpressionSyntax Send, StatusLibrary Library)> SendsIn(
        SyntaxNode scope, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var call in CandidateCallsIn(scope))
        {
            if (call.IsSend && SendLibraryOf(call.Invocation, model, symbols, cancellationToken) is var library and not StatusLibrary.None)
            {
                yield return (call.Invocation, library);
            }
        }
    }

    /// <summary>Whether <paramref name="scope"/> holds an invocation that may be a send, judged by name alone.</summary>
    public static bool MayContainSend(SyntaxNode scope)
    {
        var (calls, first, end) = CallsIn(scope);
        for (var i = first; i < end; i++)
        {
            if (calls[i].IsSend)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="name"/> can be MailKit's <c>Authenticate</c>/<c>AuthenticateAsync</c>.</summary>
    public static bool IsAuthenticateName(string? name) => name is "Authenticate" or "AuthenticateAsync";

    /// <summary>The invocations of <paramref name="tree"/> named like a send or an authentication, in order.</summary>
    public static CandidateCall[] CandidateCallsIn(SyntaxTree tree) => CandidateCalls.GetValue(tree, FindCandidateCalls);

    /// <summary>The invocations inside <paramref name="scope"/> named like a send or an authentication, nested functions included, in order.</summary>
    public static IEnumerable<CandidateCall> CandidateCallsIn(SyntaxNode scope)
    {
        var (calls, first, end) = CallsIn(scope);
        for (var i = first; i < end; i++)
        {
            yield return calls[i];
        }
    }

    /// <summary>The try statements of <paramref name="tree"/> whose protected block holds a candidate call (a send, or also an authentication), each once.</summary>
    public static List<TryStatementSyntax> TriesAroundCalls(SyntaxTree tree, bool orAuthentication) =>
        AroundCalls<TryStatementSyntax>(tree, orAuthentication, static (tryStatement, child) => tryStatement.Block == child);

    /// <summary>The loops of <see cref="RetryLoopKinds"/> in <paramref name="tree"/> whose body holds a candidate send, each once.</summary>
    public static List<StatementSyntax> RetryLoopsAroundSends(SyntaxTree tree) =>
        AroundCalls<StatementSyntax>(tree, orAuthentication: false, static (loop, child) => RetryLoopParts(loop).Body == child);

    // The rules about tries and loops look only at those around a send: they are found from the tree's candidate
    // calls outwards, without visiting any other node. A node counts when the call is inside the part of it that
    // `holds` names (the child of the node on the way up from the call).
    private static List<TNode> AroundCalls<TNode>(SyntaxTree tree, bool orAuthentication, Func<TNode, SyntaxNode, bool> holds)
        where TNode : SyntaxNode
    {
        var found = new List<TNode>();
        HashSet<TNode>? seen = null;
        foreach (var call in CandidateCallsIn(tree))
        {
            if (!orAuthentication && !call.IsSend)
            {
                continue;
            }

            for (SyntaxNode node = call.Invocation; node.Parent is { } parent; node = parent)
            {
                if (parent is TNode candidate && holds(candidate, node) && (seen ??= []).Add(candidate))
                {
                    found.Add(candidate);
                }
            }
        }

        return found;
    }

    /// <summary>The tree's candidate calls and the range of them inside <paramref name="scope"/>, without allocating.</summary>
    private static (CandidateCall[] Calls, int First, int End) CallsIn(SyntaxNode scope)
    {
        var calls = CandidateCallsIn(scope.SyntaxTree);
        return (calls, FirstAtOrAfter(calls, scope.Span.Start), FirstAtOrAfter(calls, scope.Span.End));
    }

    /// <summary>The name of the status property of MailKit's and System.Net.Mail's exceptions.</summary>
    public const string StatusCodeName = "StatusCode";

    /// <summary>
    /// The first identifier named <c>StatusCode</c> in <paramref name="scope"/> at or after <paramref name="start"/>,
    /// or a token of kind <see cref="SyntaxKind.None"/> (see <see cref="TextSearch.NextToken"/>).
    /// </summary>
    public static SyntaxToken NextStatusCodeName(SyntaxNode scope, int start) =>
        TextSearch.NextToken(scope, StatusCodeName, SyntaxKind.IdentifierToken, start);

    /// <summary>The index of the first of <paramref name="calls"/> (in order) at or after <paramref name="start"/>: a binary search.</summary>
    private static int FirstAtOrAfter(CandidateCall[] calls, int start)
    {
        int low = 0, high = calls.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (calls[middle].Position < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // What follows "Send" and "Authenticate" in the names IsSendName and IsAuthenticateName accept.
    private static readonly string[] SendEndings = ["", "Async", "MailAsync"];
    private static readonly string[] AuthenticateEndings = ["", "Async"];

    // Every rule asks about the tries and loops of the same trees, nested ones over and over: the invocations
    // named like a send or an authentication are found once per tree, by whichever asks first, and kept as
    // long as the tree lives. They are found by searching the text for the names and looking only at the
    // tokens found there, not by walking every node of the tree.
    private static readonly ConditionalWeakTable<SyntaxTree, CandidateCall[]> CandidateCalls = new();

    private static readonly ConditionalWeakTable<SyntaxTree, CandidateCall[]>.CreateValueCallback FindCandidateCalls = tree =>
    {
        var names = new List<SyntaxToken>();
        TextSearch.AddIdentifiers(tree, "Send", SendEndings, names);
        TextSearch.AddIdentifiers(tree, "Authenticate", AuthenticateEndings, names);

        var calls = new List<CandidateCall>();
        foreach (var token in names)
        {
            if (token.ValueText is var invoked
                && (IsSendName(invoked) || IsAuthenticateName(invoked))
                && token.Parent is SimpleNameSyntax name
                && InvocationNamed(name) is { } invocation)
            {
                calls.Add(new CandidateCall(invocation, IsSendName(invoked)));
            }
        }

        calls.Sort(static (x, y) => x.Position.CompareTo(y.Position));
        return calls.ToArray();
    };

    /// <summary>The invocation whose invoked name is <paramref name="name"/> (<c>Send</c> in <c>smtp.Send(m)</c>, <c>s?.Send(m)</c> or <c>Send(m)</c>), or null.</summary>
    private static InvocationExpressionSyntax? InvocationNamed(SimpleNameSyntax name)
    {
        var expression = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access,
            MemberBindingExpressionSyntax binding => binding,
            _ => (ExpressionSyntax)name,
        };

        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
    }

    /// <summary>An invocation named like a send or an authentication, and which of the two it is.</summary>
    public readonly struct CandidateCall(InvocationExpressionSyntax invocation, bool isSend)
    {
        public InvocationExpressionSyntax Invocation { get; } = invocation;

        public int Position => Invocation.SpanStart;

        public bool IsSend { get; } = isSend;
    }

    /// <summary>Whether <paramref name="catchClause"/> catches the failures of a send of <paramref name="library"/>.</summary>
    public static bool CatchesSendFailures(CatchClauseSyntax catchClause, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        catchClause.Declaration is not { } declaration
        || symbols.CatchesSendFailures(CaughtType(declaration, model, cancellationToken), library);

    /// <summary>
    /// Whether every failure of <paramref name="send"/> is caught before it can leave <paramref name="scope"/>: the send
    /// sits in a <c>try</c> inside the scope with a clause that takes every failure of its library (no filter, a type
    /// that every failure exception derives from) and throws nothing of its own. A clause outside that try is then
    /// unreachable for the send's failures.
    /// </summary>
    public static bool IsCaughtWithin(SyntaxNode send, SyntaxNode scope, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var child = send;
        for (var node = send.Parent; node is not null && node != scope; child = node, node = node.Parent)
        {
            if (IsFunction(node))
            {
                return false;
            }

            if (node is TryStatementSyntax tryStatement && child == tryStatement.Block)
            {
                foreach (var catchClause in tryStatement.Catches)
                {
                    if (catchClause.Filter is null
                        && (catchClause.Declaration is not { } declaration || symbols.CatchesEveryFailure(CaughtType(declaration, model, cancellationToken), library))
                        && !Throws(catchClause.Block))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Throws(BlockSyntax block)
    {
        foreach (var node in OwnNodes(block))
        {
            if (node is ThrowStatementSyntax or ThrowExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The type a catch clause catches, read from the clause's operation. The rules ask about the clauses of a try
    /// around a send they have resolved, so the member is bound by then (SMTP106 asks only once the clause names a
    /// failed-recipient exception); in a build that runs operation-based rules the member's operation tree is built
    /// too, and the answer is a lookup in the semantic model's map.
    /// </summary>
    public static ITypeSymbol? CaughtType(CatchDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken) =>
        (model.GetOperation(declaration.Parent!, cancellationToken) as ICatchClauseOperation)?.ExceptionType;

    /// <summary>
    /// Whether <paramref name="invocation"/> is a retry mechanism: a Polly v7 policy's or Polly v8
    /// pipeline's <c>Execute…</c>, or any method whose name says retry or resilience.
    /// </summary>
    public static bool IsRetryMechanism(InvocationExpressionSyntax invocation, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var name = InvokedName(invocation);
        if (name is null)
        {
            return false;
        }

        if (NameContains(name, RetryNames))
        {
            return true;
        }

        return name.StartsWith(ExecutePrefix, StringComparison.Ordinal)
            && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
            && symbols.IsPollyPolicy(method.ContainingType);
    }

    /// <summary>
    /// Whether a send is handled where it is written: inside a <c>try</c> whose catch clauses catch its
    /// failures, or inside a lambda or local function handed to a retry mechanism.
    /// </summary>
    public static bool IsHandled(SyntaxNode send, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        IsHandled(send, library, model, symbols, depth: 0, cancellationToken);

    /// <summary>
    /// The nodes of <paramref name="scope"/> that run as part of it: nested lambdas, anonymous methods
    /// and local functions are left out.
    /// </summary>
    public static IEnumerable<SyntaxNode> OwnNodes(SyntaxNode scope) =>
        scope.DescendantNodes(node => node == scope || !IsFunction(node));

    /// <summary>Whether the member that <paramref name="node"/> belongs to ends here (nothing above it runs it).</summary>
    public static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    /// <summary>The kinds of loop that can retry a send: <c>while</c>, <c>do</c> and <c>for</c> (a <c>foreach</c> walks over items).</summary>
    public static ImmutableArray<SyntaxKind> RetryLoopKinds { get; } =
        ImmutableArray.Create(SyntaxKind.WhileStatement, SyntaxKind.DoStatement, SyntaxKind.ForStatement);

    /// <summary>The keyword, condition and body of a loop of <see cref="RetryLoopKinds"/>; default for any other node.</summary>
    public static (SyntaxToken Keyword, ExpressionSyntax? Condition, StatementSyntax? Body) RetryLoopParts(SyntaxNode node) => node switch
    {
        WhileStatementSyntax loop => (loop.WhileKeyword, loop.Condition, loop.Statement),
        DoStatementSyntax loop => (loop.DoKeyword, loop.Condition, loop.Statement),
        ForStatementSyntax loop => (loop.ForKeyword, loop.Condition, loop.Statement),
        _ => default,
    };

    /// <summary>Whether <paramref name="node"/> is a loop statement.</summary>
    public static bool IsLoop(SyntaxNode node) =>
        node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax;

    private static bool IsHandled(SyntaxNode send, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, int depth, CancellationToken cancellationToken)
    {
        var child = send;
        for (var node = send.Parent; node is not null; child = node, node = node.Parent)
        {
            switch (node)
            {
                case TryStatementSyntax tryStatement when child == tryStatement.Block:
                    foreach (var catchClause in tryStatement.Catches)
                    {
                        if (CatchesSendFailures(catchClause, library, model, symbols, cancellationToken))
                        {
                            return true;
                        }
                    }

                    break;

                case ArgumentSyntax argument when IsHandedToRetry(argument, child, model, symbols, cancellationToken):
                    return true;

                // A local function is handled where it is used: handed to a retry or called inside a try.
                case LocalFunctionStatementSyntax localFunction:
                    return depth < 2 && IsLocalFunctionHandled(localFunction, library, model, symbols, depth, cancellationToken);

                case MemberDeclarationSyntax or CompilationUnitSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="node"/> runs inside a lambda or method group handed to a retry mechanism,
    /// looking no further up than <paramref name="scope"/>.
    /// </summary>
    public static bool IsInsideRetry(SyntaxNode node, SyntaxNode scope, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var child = node;
        for (var current = node.Parent; current is not null && current != scope; child = current, current = current.Parent)
        {
            if (current is ArgumentSyntax argument && IsHandedToRetry(argument, child, model, symbols, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A lambda or a method group handed to a retry: <c>policy.ExecuteAsync(ct =&gt; smtp.SendAsync(m, ct))</c>.</summary>
    private static bool IsHandedToRetry(ArgumentSyntax argument, SyntaxNode child, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken) =>
        child is AnonymousFunctionExpressionSyntax or IdentifierNameSyntax
        && argument.Parent?.Parent is InvocationExpressionSyntax invocation
        && IsRetryMechanism(invocation, model, symbols, cancellationToken);

    private static bool IsLocalFunctionHandled(
        LocalFunctionStatementSyntax localFunction, StatusLibrary library, SemanticModel model, SmtpSymbols symbols, int depth, CancellationToken cancellationToken)
    {
        var name = localFunction.Identifier.ValueText;
        SyntaxNode? scope = localFunction.Parent;
        while (scope is not null and not MemberDeclarationSyntax and not CompilationUnitSyntax)
        {
            scope = scope.Parent;
        }

        if (scope is null)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier
                && identifier.Identifier.ValueText == name
                && !localFunction.Span.Contains(identifier.Span)
                && IsHandled(identifier, library, model, symbols, depth + 1, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost loop whose body holds <paramref name="node"/>, within the same function.</summary>
    public static StatementSyntax? EnclosingLoop(SyntaxNode node)
    {
        var child = node;
        for (var current = node.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case WhileStatementSyntax loop when child == loop.Statement:
                    return loop;
                case DoStatementSyntax loop when child == loop.Statement:
                    return loop;
                case ForStatementSyntax loop when child == loop.Statement:
                    return loop;
                case CommonForEachStatementSyntax loop when child == loop.Statement:
                    return loop;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a <c>try</c> of <paramref name="loop"/> (not of a nested loop or function) catches a send's
    /// failures and lets the loop go round again.
    /// </summary>
    public static bool RetriesASend(SyntaxNode loop, StatementSyntax body, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var _ in RetryingCatches(loop, body, model, symbols, cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// The catch clauses that make <paramref name="loop"/> a retry loop of a send: clauses of a <c>try</c> of
    /// the loop (not of a nested loop or function) around a send, that catch the send's failures and let the
    /// loop go round again. A send whose arguments use something the loop declares
    /// (<c>while (queue.TryDequeue(out var message))</c>) walks over messages and makes no retry.
    /// </summary>
    public static IEnumerable<(TryStatementSyntax Try, CatchClauseSyntax Catch)> RetryingCatches(
        SyntaxNode loop, StatementSyntax body, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (var node in OwnNodes(body))
        {
            if (node is not TryStatementSyntax tryStatement || tryStatement.Catches.Count == 0 || EnclosingLoop(tryStatement) != loop)
            {
                continue;
            }

            bool mailKit = false, systemNetMail = false;
            foreach (var (send, library) in SendsIn(tryStatement.Block, model, symbols, cancellationToken))
            {
                if (!UsesSomethingDeclaredIn(loop, send, model, cancellationToken)
                    && !IsCaughtWithin(send, tryStatement.Block, library, model, symbols, cancellationToken))
                {
                    mailKit |= library == StatusLibrary.MailKit;
                    systemNetMail |= library == StatusLibrary.SystemNetMail;
                }
            }

            if (!mailKit && !systemNetMail)
            {
                continue;
            }

            foreach (var catchClause in tryStatement.Catches)
            {
                if (((mailKit && CatchesSendFailures(catchClause, StatusLibrary.MailKit, model, symbols, cancellationToken))
                        || (systemNetMail && CatchesSendFailures(catchClause, StatusLibrary.SystemNetMail, model, symbols, cancellationToken)))
                    && GoesRoundAgain(catchClause, model))
                {
                    yield return (tryStatement, catchClause);
                }
            }
        }
    }

    /// <summary>
    /// Whether a catch clause inside a loop lets it go round again: a <c>continue</c> that leaves the clause, or the
    /// end of the clause, is reachable (see <see cref="Exits"/>).
    /// </summary>
    public static bool GoesRoundAgain(CatchClauseSyntax catchClause, SemanticModel model, CancellationToken cancellationToken = default) =>
        Exits.Of(catchClause.Block, model, cancellationToken) is var exits && (exits.Continues || exits.ReachesEnd);

    /// <summary>
    /// Whether <paramref name="loop"/> walks over items (messages, recipients): a <c>foreach</c>. Going round it
    /// after a failure gives up on the item and goes on to the next one; it does not try the item again.
    /// </summary>
    public static bool IsPerItemLoop(SyntaxNode? loop) => loop is CommonForEachStatementSyntax;

    /// <summary>Whether the send's arguments use a local declared by the loop: then the loop walks over messages.</summary>
    public static bool UsesSomethingDeclaredIn(SyntaxNode loop, InvocationExpressionSyntax send, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in send.ArgumentList.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier
                && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == loop.SyntaxTree && loop.Span.Contains(reference.Span))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="node"/>, within its statement, is only written out: interpolated into a
    /// string or handed to a logging method (<c>Log…</c>, <c>Write…</c>, <c>Trace…</c>), not tested.
    /// </summary>
    public static bool IsOnlyWrittenOut(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null and not StatementSyntax; current = current.Parent)
        {
            switch (current)
            {
                case InterpolationSyntax:
                    return true;
                case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation }
                    when NameContains(InvokedName(invocation), LoggingNames):
                    return true;
                case CatchFilterClauseSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="scope"/> (not its nested functions) tries the send again: a <c>continue</c>, a send,
    /// a retry mechanism, or a method that hands the message to a retry, queue or scheduler. A scope whose text
    /// spells none of these names is answered without walking its nodes: most catch clauses log and give up.
    /// </summary>
    public static bool TriesAgainIn(SyntaxNode scope, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (!MayTryAgainIn(scope))
        {
            return false;
        }

        foreach (var node in OwnNodes(scope))
        {
            switch (node)
            {
                // A continue that leaves the scope and goes round a loop that is not a walk over items.
                case ContinueStatementSyntax continueStatement
                    when Exits.LoopContinuedBy(continueStatement, model, cancellationToken) is { } loop
                        && !scope.Span.Contains(loop.Span)
                        && !IsPerItemLoop(loop):
                    return true;
                case InvocationExpressionSyntax invocation:
                    if (NameContains(InvokedName(invocation), DeferringNames)
                        || SendLibraryOf(invocation, model, symbols, cancellationToken) != StatusLibrary.None
                        || IsRetryMechanism(invocation, model, symbols, cancellationToken))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the text of <paramref name="scope"/> spells something <see cref="TriesAgainIn"/> looks for: when it does
    /// not, nothing in the scope tries again. A text search, without the tree.
    /// </summary>
    public static bool MayTryAgainIn(SyntaxNode scope) => TextSearch.MaySpell(scope, TryAgainWords);

    /// <summary>Whether <paramref name="name"/> contains one of <paramref name="parts"/>, ignoring case.</summary>
    public static bool NameContains(string? name, params string[] parts)
    {
        if (name is null)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="kind"/> is a relational or equality comparison.</summary>
    public static bool IsComparison(SyntaxKind kind) => kind
        is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
        or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression
        or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression;
}
