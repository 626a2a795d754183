using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP108: at the top of the retried <c>try</c> block, connects the client again when it is not connected, with the
/// arguments of the <c>Connect</c>/<c>ConnectAsync</c> call the method (for a parameter or local) or the class (for a
/// field) already makes on it: <c>if (!client.IsConnected) { await client.ConnectAsync(…); }</c>, the synchronous
/// form in a method that is not <c>async</c>. No fix when no such call is found, when one of its arguments does not
/// mean the same thing at the retried block, or when the client is also authenticated there (a new connection would
/// need that too, which is the author's to place).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DisconnectedClientRetryFixer)), Shared]
public sealed class DisconnectedClientRetryFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP108 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.DisconnectedClientRetry + ".ConnectAgain";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.DisconnectedClientRetry);

    private protected override string FixAllTitle => "Connect the client again before the retried send";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        var model = input.Model;
        var cancellationToken = input.CancellationToken;
        if (input.NodeOf(diagnostic).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: MemberAccessExpressionSyntax { Expression: { } receiver } }
            || model.GetSymbolInfo(receiver, cancellationToken).Symbol is not { } client
            || client is not (ILocalSymbol or IParameterSymbol or IFieldSymbol)
            || receiver.FirstAncestorOrSelf<TryStatementSyntax>() is not { } tryStatement
            || !tryStatement.Block.Span.Contains(receiver.Span)
            || receiver.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member
            || (client is IFieldSymbol ? member.Parent : member) is not { } searched
            || ConnectCall(searched, client, model, cancellationToken) is not { } connect
            || Authenticates(searched, client, model, cancellationToken)
            || Arguments(connect, tryStatement.Block.SpanStart, model, cancellationToken) is not { } arguments)
        {
            return null;
        }

        var isAsync = receiver.FirstAncestorOrSelf<SyntaxNode>(node => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax) switch
        {
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax function => function.Modifiers.Any(SyntaxKind.AsyncKeyword),
            AnonymousFunctionExpressionSyntax function => function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            _ => false,
        };
        var name = receiver.WithoutTrivia();
        return new PlannedFix("Connect '" + name + "' again when it is not connected", replacements =>
        {
            // if (!client.IsConnected) { [await] client.Connect[Async](arguments); }, laid out by the formatter, with a
            // blank line after the block in the file's own line ending.
            ExpressionSyntax connectAgain = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, name, SyntaxFactory.IdentifierName(isAsync ? "ConnectAsync" : "Connect")),
                SyntaxFactory.ParseArgumentList("(" + arguments + ")"));
            if (isAsync)
            {
                connectAgain = SyntaxFactory.AwaitExpression(connectAgain);
            }

            var endOfLine = input.Root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
            var eol = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.CarriageReturnLineFeed;
            var reconnect = SyntaxFactory.IfStatement(
                    SyntaxFactory.PrefixUnaryExpression(
                        SyntaxKind.LogicalNotExpression,
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, name, SyntaxFactory.IdentifierName("IsConnected"))),
                    SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(connectAgain)))
                .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
                .WithTrailingTrivia(eol, eol)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var block = tryStatement.Block;
            replacements[block] = block.WithStatements(block.Statements.Insert(0, reconnect));
        });
    }

    /// <summary>The first <c>Connect</c>/<c>ConnectAsync</c> call on <paramref name="client"/> in <paramref name="scope"/>.</summary>
    private static InvocationExpressionSyntax? ConnectCall(SyntaxNode scope, ISymbol client, SemanticModel model, CancellationToken cancellationToken) =>
        CallsOn(scope, client, model, cancellationToken, "Connect", "ConnectAsync").FirstOrDefault();

    private static bool Authenticates(SyntaxNode scope, ISymbol client, SemanticModel model, CancellationToken cancellationToken) =>
        CallsOn(scope, client, model, cancellationToken, "Authenticate", "AuthenticateAsync").Any();

    private static System.Collections.Generic.IEnumerable<InvocationExpressionSyntax> CallsOn(
        SyntaxNode scope, ISymbol client, SemanticModel model, CancellationToken cancellationToken, params string[] names) =>
        scope.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(invocation =>
            invocation.Expression is MemberAccessExpressionSyntax access
            && names.Contains(access.Name.Identifier.ValueText)
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, cancellationToken).Symbol, client));

    /// <summary>
    /// The connect call's arguments as they can be written at <paramref name="position"/>, or null when a name in them
    /// means something else, or nothing, there. A cancellation token that is not in scope becomes the token of the
    /// method at <paramref name="position"/>, or is left out when it is the last argument and the method has none.
    /// </summary>
    private static string? Arguments(InvocationExpressionSyntax connect, int position, SemanticModel model, CancellationToken cancellationToken)
    {
        var written = new System.Collections.Generic.List<string>();
        var arguments = connect.ArgumentList.Arguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!Moved(argument, position, model, cancellationToken))
            {
                written.Add(argument.WithoutTrivia().ToString());
                continue;
            }

            if (model.GetTypeInfo(argument.Expression, cancellationToken).Type is not { Name: nameof(CancellationToken) } type
                || type.ContainingNamespace?.ToDisplayString() != "System.Threading")
            {
                return null;
            }

            var token = model.LookupSymbols(position).OfType<IParameterSymbol>()
                .FirstOrDefault(parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, type));
            if (token is not null)
            {
                written.Add((argument.NameColon?.ToString() ?? string.Empty) + token.Name);
            }
            else if (i != arguments.Count - 1)
            {
                return null;
            }
        }

        return string.Join(", ", written);
    }

    /// <summary>Whether a name in <paramref name="argument"/> means something else, or nothing, at <paramref name="position"/>.</summary>
    private static bool Moved(ArgumentSyntax argument, int position, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in argument.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
            {
                continue;
            }

            var meant = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            var found = model.LookupSymbols(position, name: identifier.Identifier.ValueText);
            if (meant is null || found.Length != 1 || !SymbolEqualityComparer.Default.Equals(found[0], meant))
            {
                return true;
            }
        }

        return false;
    }
}
