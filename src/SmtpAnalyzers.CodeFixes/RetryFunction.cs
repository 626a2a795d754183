using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// The function (method, local function, lambda) that holds code a retry fix rewrites (SMTP101, SMTP102, SMTP104):
/// whether it can wait between attempts and how, how it reports a retry, and the names the fix may declare in it.
/// </summary>
internal sealed class RetryFunction
{
    private readonly SemanticModel _model;

    private readonly RetrySettings _settings;

    private readonly IMethodSymbol _function;

    private readonly SmtpSymbols _symbols;

    private RetryFunction(SemanticModel model, RetrySettings settings, IMethodSymbol function, SmtpSymbols symbols, bool isAsync, string? cancellationToken, SyntaxTrivia endOfLine)
    {
        _model = model;
        _settings = settings;
        _function = function;
        _symbols = symbols;
        IsAsync = isAsync;
        CancellationToken = cancellationToken;
        EndOfLine = endOfLine;
    }

    /// <summary>The document's line break (its first one), as elastic trivia that the formatter may move.</summary>
    public SyntaxTrivia EndOfLine { get; }

    /// <summary>True when the function awaits (<c>await Task.Delay</c>); false when it blocks (<c>Thread.Sleep</c>).</summary>
    public bool IsAsync { get; }

    /// <summary>The name of the function's <c>CancellationToken</c> parameter (or of an enclosing function's), if any.</summary>
    public string? CancellationToken { get; }

    /// <summary>
    /// The function holding <paramref name="node"/>, or null when a fix should not touch it: it has compile errors
    /// (a rewrite of broken code can only break it more), it returns a task without being <c>async</c> (it can
    /// neither await nor block), or it would have to await inside a <c>lock</c>.
    /// </summary>
    public static RetryFunction? Of(SyntaxNode node, FixInput input)
    {
        var model = input.Model;
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (member is null
            || model.GetEnclosingSymbol(node.SpanStart, input.CancellationToken) is not IMethodSymbol function
            || model.GetDiagnostics(member.Span, input.CancellationToken).Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var isAsync = function.IsAsync;
        if (!isAsync && !function.ReturnsVoid && !function.ReturnType.GetMembers("GetAwaiter").IsEmpty)
        {
            return null;
        }

        if (isAsync && node.Ancestors().TakeWhile(ancestor => !OwnCode.IsFunction(ancestor)).OfType<LockStatementSyntax>().Any())
        {
            return null;
        }

        var firstLineBreak = input.Root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        var endOfLine = SyntaxFactory.ElasticEndOfLine(firstLineBreak == default ? "\n" : firstLineBreak.ToString());
        return new RetryFunction(model, input.Retry, function, input.Symbols, isAsync, TokenParameter(function, input.Symbols.CancellationToken), endOfLine);
    }

    /// <summary>Attempts in all, the first one included (<c>smtp_analyzers.retry_attempts</c>).</summary>
    public int MaxAttempts => _settings.Attempts;

    /// <summary>
    /// The wait before the next attempt: <c>await Task.Delay(TimeSpan.FromSeconds(2 * Math.Pow(2, <paramref name="exponent"/>)
    /// * (0.8 + 0.4 * Random.Shared.NextDouble())), token)</c>, or <c>Thread.Sleep(…)</c> in a synchronous function
    /// (seconds, never minutes: <see cref="RetrySettings"/>); the base delay, jittered, when there is no attempt
    /// counter. Type names are written in full and annotated, so that cleanup adds the usings and shortens them.
    /// </summary>
    public StatementSyntax Delay(ExpressionSyntax? exponent)
    {
        var delay = _settings.Delay(_model.Compilation, exponent);
        ExpressionSyntax wait = IsAsync
            ? SyntaxFactory.AwaitExpression(CancellationToken is null
                ? RetrySettings.Call("global::System.Threading.Tasks.Task.Delay", delay)
                : RetrySettings.Call("global::System.Threading.Tasks.Task.Delay", delay, SyntaxFactory.IdentifierName(CancellationToken)))
            : RetrySettings.Call("global::System.Threading.Thread.Sleep", delay);
        return SyntaxFactory.ExpressionStatement(wait).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
    }

    /// <summary>
    /// The line a retry writes before it waits, so that a retry is seen in the logs: <c>logger.LogWarning(ex, "Transient
    /// SMTP failure (attempt {Attempt} of {Attempts}); retrying", attempt, 3)</c> through an <c>ILogger</c> the code at
    /// <paramref name="position"/> can use, or <c>Trace.TraceWarning(…)</c> with the exception's message when it has none;
    /// null where neither exists. Type names are written in full and annotated for cleanup.
    /// </summary>
    public StatementSyntax? LogRetry(string exception, string attempt, int position)
    {
        var attempts = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(MaxAttempts));
        ExpressionSyntax log;
        if (Logger(position) is { } logger)
        {
            log = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(logger), SyntaxFactory.IdentifierName("LogWarning")),
                Arguments(SyntaxFactory.IdentifierName(exception), Text("Transient SMTP failure (attempt {Attempt} of {Attempts}); retrying"), SyntaxFactory.IdentifierName(attempt), attempts));
        }
        else if (_symbols.Trace is not null)
        {
            log = RetrySettings.Call(
                "global::System.Diagnostics.Trace.TraceWarning",
                Text("Transient SMTP failure (attempt {0} of {1}); retrying: {2}"),
                SyntaxFactory.IdentifierName(attempt),
                attempts,
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(exception), SyntaxFactory.IdentifierName("Message")));
        }
        else
        {
            return null;
        }

        return SyntaxFactory.ExpressionStatement(log).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);

        static LiteralExpressionSyntax Text(string text) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text));

        static ArgumentListSyntax Arguments(params ExpressionSyntax[] arguments) =>
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(SyntaxFactory.Argument)));
    }

    /// <summary>
    /// <paramref name="name"/>, or a numbered variant when a symbol in scope at <paramref name="position"/> or a
    /// variable declared in <paramref name="scope"/> already has it.
    /// </summary>
    public string UniqueName(string name, int position, IEnumerable<SyntaxNode> scope)
    {
        var taken = new HashSet<string>(_model.LookupSymbols(position).Select(symbol => symbol.Name));
        foreach (var node in scope.SelectMany(node => node.DescendantNodesAndSelf()))
        {
            var declared = node switch
            {
                VariableDeclaratorSyntax variable => variable.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                CatchDeclarationSyntax catchDeclaration => catchDeclaration.Identifier,
                ForEachStatementSyntax forEach => forEach.Identifier,
                ParameterSyntax parameter => parameter.Identifier,
                LocalFunctionStatementSyntax localFunction => localFunction.Identifier,
                _ => default,
            };
            taken.Add(declared.ValueText);
        }

        var unique = name;
        for (var number = 2; taken.Contains(unique); number++)
        {
            unique = name + number;
        }

        return unique;
    }

    /// <summary>
    /// The name of an <c>ILogger</c> the code at <paramref name="position"/> can log through (with <c>LogWarning</c> in
    /// scope): a local declared and assigned before it, a parameter, then a field or property; instance ones only where
    /// the function has an instance of their type. Null when there is none.
    /// </summary>
    private string? Logger(int position)
    {
        if (_symbols.Logger is not { } loggerType)
        {
            return null;
        }

        var functions = Enclosing(_function).ToList();
        var instance = functions.Any(function => function.IsStatic) ? null : functions[functions.Count - 1].ContainingType;
        var logger = _model.LookupSymbols(position)
            .Select(symbol => (Symbol: symbol, Candidate: Candidate(symbol)))
            .Where(found => found.Candidate.Type is { } type
                && IsLogger(type)
                && !_model.LookupSymbols(position, type, "LogWarning", includeReducedExtensionMethods: true).IsEmpty)
            .OrderBy(found => found.Candidate.Rank)
            .ThenBy(found => found.Symbol.Name, StringComparer.Ordinal)
            .Select(found => found.Symbol.Name)
            .FirstOrDefault();
        return logger is null ? null : Escaped(logger);

        // What a symbol in scope holds, and how near it is: a local, a parameter, a member.
        (ITypeSymbol? Type, int Rank) Candidate(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local when local.DeclaringSyntaxReferences.All(IsAssignedBefore) => (local.Type, 0),
            IParameterSymbol parameter when parameter.RefKind != RefKind.Out && IsVisible(parameter) => (parameter.Type, 1),
            IFieldSymbol field when IsReachable(field) => (field.Type, 2),
            IPropertySymbol property when IsReachable(property) && !property.IsIndexer && property.GetMethod is not null => (property.Type, 2),
            _ => (null, 0),
        };

        // A parameter of the function or of one it can capture from, or of the primary constructor of its instance's type.
        bool IsVisible(IParameterSymbol parameter) =>
            ParameterOwners(_function).Contains(parameter.ContainingSymbol, SymbolEqualityComparer.Default)
            || parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, instance);

        bool IsAssignedBefore(SyntaxReference declaration) =>
            declaration.Span.End <= position && declaration.GetSyntax() is not VariableDeclaratorSyntax { Initializer: null };

        // A static member, or an instance member of the function's own type or a base type of it.
        bool IsReachable(ISymbol member)
        {
            for (var type = instance; !member.IsStatic && type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, member.ContainingType))
                {
                    return true;
                }
            }

            return member.IsStatic;
        }

        bool IsLogger(ITypeSymbol type) =>
            SymbolEqualityComparer.Default.Equals(type, loggerType) || type.AllInterfaces.Contains(loggerType, SymbolEqualityComparer.Default);
    }

    /// <summary><paramref name="function"/> and the lambdas, local functions and method it is nested in, innermost first.</summary>
    private static IEnumerable<IMethodSymbol> Enclosing(IMethodSymbol function)
    {
        for (ISymbol? current = function; current is IMethodSymbol method; current = method.ContainingSymbol)
        {
            yield return method;
        }
    }

    /// <summary>A name as an identifier: <c>@event</c> for a keyword.</summary>
    private static string Escaped(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    /// <summary>The first <c>CancellationToken</c> parameter of the function or of the functions it may capture from.</summary>
    private static string? TokenParameter(IMethodSymbol function, INamedTypeSymbol? tokenType) =>
        ParameterOwners(function).SelectMany(method => method.Parameters)
            .Where(parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, tokenType) && parameter.RefKind == RefKind.None)
            .Select(parameter => Escaped(parameter.Name))
            .FirstOrDefault();

    /// <summary>
    /// The functions whose parameters code in <paramref name="function"/> can use: itself and those around it, up to
    /// the first static one (a static lambda or local function cannot see the parameters of the function around it).
    /// </summary>
    private static IEnumerable<IMethodSymbol> ParameterOwners(IMethodSymbol function)
    {
        foreach (var method in Enclosing(function))
        {
            yield return method;
            if (method.IsStatic)
            {
                yield break;
            }
        }
    }
}
