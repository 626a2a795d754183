using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// The send wrappers of a compilation: methods named after a send (<c>SendEmailAsync</c>, <c>SendAsync</c> of an
/// <c>IEmailSender</c>) whose body sends, one or two calls deep, and lets the send's failures out to the caller. A
/// caller that catches around a wrapper's call takes the send's failures as if it sent itself. A send counts when it
/// is written in the method's own body (not in a lambda or local function), no clause of the method takes every
/// failure without throwing, and the method does not retry it (no loop around it, no retry mechanism): after a
/// wrapper's own bounded retry, giving up is the point. The interface methods and base methods a wrapper implements
/// are wrappers too, so a call through <c>IEmailSender</c> is found.
/// </summary>
/// <remarks>
/// Calls are found by name: a wrapper's name starts with <c>Send</c> (<see cref="Sends.CallKind"/>), which keeps the
/// search a text scan of the files that mention it. The set is computed for the compilation by the first rule that
/// meets a call that may be a wrapper's, from the candidate sends of every file, and kept as long as the compilation.
/// </remarks>
internal sealed class SendWrappers
{
    /// <summary>How many calls deep a send may be: a wrapper, and a wrapper of a wrapper.</summary>
    private const int Depth = 2;

    private static readonly ConditionalWeakTable<Compilation, SendWrappers> ByCompilation = new();

    private readonly Compilation _compilation;
    private readonly SmtpSymbols _symbols;
    private readonly Lazy<Wrappers> _wrappers;

    private SendWrappers(Compilation compilation, SmtpSymbols symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
        _wrappers = new Lazy<Wrappers>(Find, LazyThreadSafetyMode.PublicationOnly);
    }

    public static SendWrappers For(Compilation compilation, SmtpSymbols symbols) =>
        ByCompilation.GetValue(compilation, compilation => new SendWrappers(compilation, symbols));

    /// <summary>
    /// Which library sends through <paramref name="invocation"/>, a call of a send wrapper of the compilation; none for
    /// any other call. Only a call named like a wrapper is bound.
    /// </summary>
    public StatusLibrary LibraryOf(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        LibraryOf(invocation, model, _wrappers.Value, cancellationToken);

    /// <summary>
    /// The calls of <paramref name="method"/> in the compilation, directly or through an interface or base method it
    /// implements, each with its file's model, when it is a send wrapper; null for any other method.
    /// </summary>
    public List<(InvocationExpressionSyntax Call, SemanticModel Model)>? CallsOf(IMethodSymbol method)
    {
        var wrappers = _wrappers.Value;
        method = method.OriginalDefinition;
        if (!wrappers.Libraries.ContainsKey(method))
        {
            return null;
        }

        var calls = new List<(InvocationExpressionSyntax Call, SemanticModel Model)>();
        for (var called = method; called is not null; called = called.OverriddenMethod?.OriginalDefinition)
        {
            Collect(called);
        }

        foreach (var interfaceMethod in SmtpSymbols.ImplementedInterfaceMethods(method))
        {
            Collect(interfaceMethod.OriginalDefinition);
        }

        return calls;

        void Collect(IMethodSymbol called)
        {
            if (wrappers.Calls.TryGetValue(called, out var found))
            {
                calls.AddRange(found);
            }
        }
    }

    private Wrappers Find()
    {
        var wrappers = new Wrappers();
        for (var depth = 1; depth <= Depth; depth++)
        {
            var found = new List<(IMethodSymbol Method, StatusLibrary Library)>();
            foreach (var (call, model) in CandidateCalls())
            {
                var library = depth == 1
                    ? Sends.SendLibraryOf(call, model, _symbols, CancellationToken.None)
                    : LibraryOf(call, model, wrappers, CancellationToken.None);
                if (library != StatusLibrary.None && EscapingMethod(call, library, model) is { } method)
                {
                    found.Add((method, library));
                }
            }

            foreach (var (method, library) in found)
            {
                Add(wrappers, method, library);
            }
        }

        // Where each wrapper is called, for the question whose callers handle its failures.
        foreach (var (call, model) in CandidateCalls())
        {
            if (CalledWrapper(call, model, wrappers, CancellationToken.None) is { } called)
            {
                if (!wrappers.Calls.TryGetValue(called, out var calls))
                {
                    wrappers.Calls[called] = calls = [];
                }

                calls.Add((call, model));
            }
        }

        return wrappers;
    }

    /// <summary>The calls of the compilation named like a send or a send wrapper, each with its file's model.</summary>
    private IEnumerable<(InvocationExpressionSyntax Call, SemanticModel Model)> CandidateCalls()
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            var calls = Sends.CandidateCallsIn(tree);
            if (calls.Length == 0)
            {
                continue;
            }

            // A wrapper's body may be in any file of the compilation; the driver hands out its cached models.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
            var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            foreach (var call in calls)
            {
                if (call.Kind != Sends.CallKind.Authentication)
                {
                    yield return (call.Invocation, model);
                }
            }
        }
    }

    private static StatusLibrary LibraryOf(InvocationExpressionSyntax invocation, SemanticModel model, Wrappers wrappers, CancellationToken cancellationToken) =>
        CalledWrapper(invocation, model, wrappers, cancellationToken) is { } called ? wrappers.Libraries[called] : StatusLibrary.None;

    /// <summary>The wrapper (or the interface or base method of one) that <paramref name="invocation"/> calls; only a call named like one is bound.</summary>
    private static IMethodSymbol? CalledWrapper(InvocationExpressionSyntax invocation, SemanticModel model, Wrappers wrappers, CancellationToken cancellationToken) =>
        Sends.InvokedName(invocation) is { } name
        && wrappers.Names.Contains(name)
        && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
        && wrappers.Libraries.ContainsKey(method.OriginalDefinition)
            ? method.OriginalDefinition
            : null;

    /// <summary>The wrappers found, and their names, so that only a call named like one is bound.</summary>
    private sealed class Wrappers
    {
        public Dictionary<IMethodSymbol, StatusLibrary> Libraries { get; } = new(SymbolEqualityComparer.Default);

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);


        /// <summary>The calls of each wrapper (and of the interface and base methods wrappers implement), by the method called.</summary>
        public Dictionary<IMethodSymbol, List<(InvocationExpressionSyntax Call, SemanticModel Model)>> Calls { get; } = new(SymbolEqualityComparer.Default);
    }

    /// <summary>The method whose caller gets the failures of <paramref name="send"/>, when its name makes its calls candidates; else null.</summary>
    private IMethodSymbol? EscapingMethod(InvocationExpressionSyntax send, StatusLibrary library, SemanticModel model)
    {
        SyntaxNode? body = null;
        for (var node = send.Parent; node is not null; node = node.Parent)
        {
            if (OwnCode.IsFunction(node) || RetryLoops.IsLoop(node))
            {
                return null;
            }

            if (node is BaseMethodDeclarationSyntax method)
            {
                body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
                break;
            }
        }

        if (body is null
            || model.GetEnclosingSymbol(send.SpanStart) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } wrapper
            || !Sends.IsWrapperName(wrapper.Name)
            || CatchClauses.IsCaughtWithin(send, body, library, model, _symbols, CancellationToken.None)
            || RetryMechanisms.IsInsideRetry(send, body, model, _symbols, CancellationToken.None))
        {
            return null;
        }

        return wrapper;
    }

    /// <summary>Adds <paramref name="method"/>, and the interface and base methods it implements, whose calls reach it.</summary>
    private static void Add(Wrappers wrappers, IMethodSymbol method, StatusLibrary library)
    {
        wrappers.Names.Add(method.Name);
        wrappers.Libraries[method.OriginalDefinition] = library;
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            wrappers.Libraries[overridden.OriginalDefinition] = library;
        }

        foreach (var interfaceMethod in SmtpSymbols.ImplementedInterfaceMethods(method))
        {
            wrappers.Libraries[interfaceMethod.OriginalDefinition] = library;
        }
    }
}
