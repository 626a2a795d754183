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
/// whether it can wait between attempts and how, and the names the fix may declare in it.
/// </summary>
internal sealed class RetryFunction
{
    private readonly SemanticModel _model;

    private readonly RetrySettings _settings;

    private RetryFunction(SemanticModel model, RetrySettings settings, bool isAsync, string? cancellationToken, SyntaxTrivia endOfLine)
    {
        _model = model;
        _settings = settings;
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
        return new RetryFunction(model, input.Retry, isAsync, TokenParameter(function, input.Symbols.CancellationToken), endOfLine);
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

    /// <summary>The first <c>CancellationToken</c> parameter of the function or of the functions it may capture from.</summary>
    private static string? TokenParameter(IMethodSymbol function, INamedTypeSymbol? tokenType)
    {
        for (ISymbol? current = function; current is IMethodSymbol method; current = method.ContainingSymbol)
        {
            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, tokenType) && parameter.RefKind == RefKind.None)
                {
                    return SyntaxFacts.GetKeywordKind(parameter.Name) == SyntaxKind.None ? parameter.Name : "@" + parameter.Name;
                }
            }

            // A static lambda or local function cannot see the parameters of the function around it.
            if (method.IsStatic || method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor)
            {
                break;
            }
        }

        return null;
    }
}
