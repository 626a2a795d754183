using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// Which invocations are sends (and authentications) of MailKit or System.Net.Mail: the candidates, found once per
/// file by a text search for their names (a prefilter; a Unicode escape falls back to reading the tokens), and
/// the symbol that decides. A call that sets up or verifies a mock is no send (<see cref="MockCalls"/>).
/// </summary>
internal static class Sends
{
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

    /// <summary>How the name of a send, or of a send wrapper of the compilation (<c>SendEmailAsync</c>), starts.</summary>
    public const string SendPrefix = "Send";

    /// <summary>Whether a method of this name can be a send wrapper (<see cref="SendWrappers"/>): its calls are candidates.</summary>
    public static bool IsWrapperName(string name) => name.StartsWith(SendPrefix, StringComparison.Ordinal);

    /// <summary>Which library sends through <paramref name="invocation"/>, if it is a send.</summary>
    /// <remarks>
    /// A call that sets up or verifies a mock (<see cref="MockCalls"/>) is no send. Most rules ask about the same sends
    /// of a file, through the one semantic model the driver hands them all: the answer is kept with the model.
    /// </remarks>
    public static StatusLibrary SendLibraryOf(InvocationExpressionSyntax invocation, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (!IsSendName(InvokedName(invocation)))
        {
            return StatusLibrary.None;
        }

        var known = Libraries.GetValue(model, static _ => new ConcurrentDictionary<InvocationExpressionSyntax, StatusLibrary>());
        if (!known.TryGetValue(invocation, out var library))
        {
            library = symbols.SendLibraryOf(model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol) is var found and not StatusLibrary.None
                && !MockCalls.IsMockCall(invocation, model, cancellationToken)
                    ? found
                    : StatusLibrary.None;
            known.TryAdd(invocation, library);
        }

        return library;
    }

    private static readonly ConditionalWeakTable<SemanticModel, ConcurrentDictionary<InvocationExpressionSyntax, StatusLibrary>> Libraries = new();

    /// <summary>
    /// Which library sends through <paramref name="invocation"/>: a send of the libraries (<see cref="SendLibraryOf"/>), or
    /// a call of a send wrapper of the compilation (<see cref="SendWrappers"/>), which is a send at its call site for
    /// SMTP102–SMTP105 and SMTP107. Only a call named like a send or a wrapper is bound.
    /// </summary>
    public static StatusLibrary SendOrWrapperLibraryOf(InvocationExpressionSyntax invocation, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (InvokedName(invocation) is not { } name || !IsWrapperName(name))
        {
            return StatusLibrary.None;
        }

        var library = SendLibraryOf(invocation, model, symbols, cancellationToken);
        return library != StatusLibrary.None
            ? library
            : SendWrappers.For(model.Compilation, symbols).LibraryOf(invocation, model, cancellationToken);
    }

    /// <summary>
    /// The sends in <paramref name="scope"/>, nested functions included; with <paramref name="orWrapperCalls"/>, the calls
    /// of send wrappers too (<see cref="SendOrWrapperLibraryOf"/>).
    /// </summary>
    public static IEnumerable<(InvocationExpressionSyntax Send, StatusLibrary Library)> SendsIn(
        SyntaxNode scope, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken, bool orWrapperCalls = false)
    {
        foreach (var call in CandidateCallsIn(scope))
        {
            var library = call.Kind == CallKind.Authentication ? StatusLibrary.None
                : orWrapperCalls ? SendOrWrapperLibraryOf(call.Invocation, model, symbols, cancellationToken)
                : call.IsSend ? SendLibraryOf(call.Invocation, model, symbols, cancellationToken)
                : StatusLibrary.None;
            if (library != StatusLibrary.None)
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

    /// <summary>The invocations of <paramref name="tree"/> named like a send, an authentication or a send wrapper (<see cref="CallKind"/>), in order.</summary>
    public static CandidateCall[] CandidateCallsIn(SyntaxTree tree) => SourceFile.Of(tree).CandidateCalls;

    /// <summary>The invocations inside <paramref name="scope"/> named like a send, an authentication or a send wrapper, nested functions included, in order.</summary>
    public static IEnumerable<CandidateCall> CandidateCallsIn(SyntaxNode scope)
    {
        var (calls, first, end) = CallsIn(scope);
        for (var i = first; i < end; i++)
        {
            yield return calls[i];
        }
    }

    /// <summary>
    /// The try statements of <paramref name="tree"/> whose protected block holds a candidate call, each once: a send, or
    /// also an authentication, or also a call that may be a send wrapper's (<see cref="SendWrappers"/>).
    /// </summary>
    public static List<TryStatementSyntax> TriesAroundCalls(SyntaxTree tree, bool orAuthentication, bool orWrapperCalls = false) =>
        AroundCalls<TryStatementSyntax>(
            tree,
            call => call.Kind == CallKind.Send || (orAuthentication && call.Kind == CallKind.Authentication) || (orWrapperCalls && call.Kind == CallKind.WrapperCandidate),
            static (tryStatement, child) => tryStatement.Block == child);

    /// <summary>
    /// The loops of <see cref="RetryLoops.RetryLoopKinds"/> in <paramref name="tree"/> whose body holds a candidate send or
    /// a call that may be a send wrapper's (<see cref="SendWrappers"/>), each once: a loop around a wrapper call retries
    /// the send as much as a loop around the send.
    /// </summary>
    public static List<StatementSyntax> RetryLoopsAroundSends(SyntaxTree tree) =>
        AroundCalls<StatementSyntax>(tree, static call => call.Kind != CallKind.Authentication, static (loop, child) => RetryLoops.RetryLoopParts(loop).Body == child);

    // The rules about tries and loops look only at those around a send: they are found from the tree's candidate
    // calls outwards, without visiting any other node. A node counts when the call is inside the part of it that
    // `holds` names (the child of the node on the way up from the call).
    private static List<TNode> AroundCalls<TNode>(SyntaxTree tree, Func<CandidateCall, bool> counts, Func<TNode, SyntaxNode, bool> holds)
        where TNode : SyntaxNode
    {
        var found = new List<TNode>();
        HashSet<TNode>? seen = null;
        foreach (var call in CandidateCallsIn(tree))
        {
            if (!counts(call))
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

    // What follows "Authenticate" in the names IsAuthenticateName accepts; after "Send" anything may follow: the
    // library's sends and the wrappers named after them (SendEmailAsync) are both candidates.
    private static readonly string[] AuthenticateEndings = ["", "Async"];

    // Every rule asks about the tries and loops of the same trees, nested ones over and over: the invocations
    // named like a send or an authentication are found once per tree (SourceFile.CandidateCalls), by searching the
    // text for the names and looking only at the tokens found there, not by walking every node of the tree.
    internal static CandidateCall[] FindCandidateCalls(SourceFile file)
    {
        var tree = file.Tree;
        var names = new List<SyntaxToken>();
        TextSearch.AddIdentifiers(tree, SendPrefix, endings: null, names);
        TextSearch.AddIdentifiers(tree, "Authenticate", AuthenticateEndings, names);

        var calls = new List<CandidateCall>();
        foreach (var token in names)
        {
            var invoked = token.ValueText;
            var kind = IsSendName(invoked) ? CallKind.Send
                : IsAuthenticateName(invoked) ? CallKind.Authentication
                : CallKind.WrapperCandidate;
            if (token.Parent is SimpleNameSyntax name && InvocationNamed(name) is { } invocation)
            {
                calls.Add(new CandidateCall(invocation, kind));
            }
        }

        calls.Sort(static (x, y) => x.Position.CompareTo(y.Position));
        return calls.ToArray();
    }

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

    /// <summary>What a candidate call is named like.</summary>
    public enum CallKind
    {
        /// <summary>A send of the libraries: <c>Send</c>, <c>SendAsync</c>, <c>SendMailAsync</c> (or a method of the compilation so named).</summary>
        Send,

        /// <summary>MailKit's <c>Authenticate</c>/<c>AuthenticateAsync</c>.</summary>
        Authentication,

        /// <summary>Another name that starts with <c>Send</c> (<c>SendEmailAsync</c>): a send wrapper's, if the compilation has one of that name.</summary>
        WrapperCandidate,
    }

    /// <summary>An invocation named like a send, an authentication or a send wrapper, and which of them.</summary>
    public readonly struct CandidateCall(InvocationExpressionSyntax invocation, CallKind kind)
    {
        public InvocationExpressionSyntax Invocation { get; } = invocation;

        public int Position => Invocation.SpanStart;

        public CallKind Kind { get; } = kind;

        public bool IsSend => Kind == CallKind.Send;
    }
}
