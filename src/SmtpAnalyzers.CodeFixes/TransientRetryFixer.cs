using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.Failures;
using SmtpAnalyzers.TransientFailures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP101 and SMTP102: retries the unit of work around one send while <c>SmtpFailures.IsTransient(ex)</c> says the
/// failure is worth another attempt (3 attempts, 2 s doubling with jitter by default: <see cref="RetrySettings"/>).
/// The unit is one that the method owns and that is safe to run again: it runs from the statement that creates the
/// client (a MailKit client is also connected inside it, so an attempt after a 421 reconnects) through the send, and
/// past the send only through the client's own disconnect and a plain <c>return</c>. SMTP101 runs the unit in the
/// project's shared Polly retry (<see cref="SmtpRetryClass"/>) when the project has one and the unit fits in a lambda,
/// in a <c>for</c> loop otherwise; SMTP102 always uses the loop and puts the transient clause before the existing ones,
/// which then see only what the retries leave. No fix, because a retry would change what gets delivered, for: a MailKit
/// client from outside the method (after a 421 it is disconnected, and the retry cannot connect it); a send inside a
/// loop of the unit (a batch: the retry would send the earlier messages again); several sends in one unit; other
/// work after the send (its failure would send the message again); units that jump out or yield; System.Net.Mail's
/// event-based <c>SendAsync</c>; a user's own <c>SmtpFailures</c> without <c>IsTransient</c>; code with compile errors.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TransientRetryFixer)), Shared]
public sealed class TransientRetryFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP101 and SMTP102 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.UnhandledSend + ".RetryTransientFailures";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIds.UnhandledSend, RuleIds.DroppedTransientFailure);

    private protected override string FixAllTitle => "Retry transient SMTP failures";

    private protected override string EquivalenceKey => Key;

    private enum RetryForm
    {
        Loop,
        Polly,
    }

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (input.Transient is not { } failures)
        {
            return null;
        }

        var node = input.NodeOf(diagnostic);
        var existingTry = diagnostic.Id == RuleIds.DroppedTransientFailure ? node.FirstAncestorOrSelf<CatchClauseSyntax>()?.Parent as TryStatementSyntax : null;
        var sends = existingTry is not null
            ? Sends.SendsIn(existingTry.Block, input.Model, input.Symbols, input.CancellationToken)
                .Where(send => !RetryMechanisms.IsInsideRetry(send.Send, existingTry.Block, input.Model, input.Symbols, input.CancellationToken))
                .ToList()
            : node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation
                && Sends.SendLibraryOf(invocation, input.Model, input.Symbols, input.CancellationToken) is var sendLibrary and not StatusLibrary.None
                ? [(invocation, sendLibrary)]
                : [];

        // One message's send per unit: a retry of several sends would repeat the ones that went out.
        if (sends.Count != 1 || IsEventBasedSend(sends[0].Send, sends[0].Library))
        {
            return null;
        }

        var (send, library) = sends[0];
        var anchor = (StatementSyntax?)existingTry ?? send.FirstAncestorOrSelf<StatementSyntax>();
        if (anchor is null || send.Ancestors().TakeWhile(ancestor => ancestor != anchor).Any(OwnCode.IsFunction))
        {
            return null;
        }

        var unit = FindUnit(input, anchor, send, library);
        var function = unit is null ? null : RetryFunction.Of(unit.Block, input);
        if (unit is null || function is null)
        {
            return null;
        }

        var form = existingTry is null ? PollyForm(input, unit, function) : RetryForm.Loop;
        var title = "Retry transient failures (" + function.MaxAttempts + " attempts, exponential backoff)"
            + (form == RetryForm.Polly ? " with the project's Polly retry" : " in a loop");
        return new PlannedFix(title, edits =>
        {
            if (edits.Touches(unit.Block))
            {
                return;
            }

            var wrapped = form == RetryForm.Loop
                ? Loop(failures, unit, function, existingTry)
                : Polly(input, input.RetryClass!, unit, function);
            var statements = unit.Block.Statements.ToList();
            statements.RemoveRange(unit.Start, unit.Count);
            statements.Insert(unit.Start, wrapped);
            edits.Replacements[unit.Block] = unit.Block.WithStatements(SyntaxFactory.List(statements));
        });
    }

    /// <summary>System.Net.Mail's <c>SendAsync(message, userToken)</c> reports through an event: there is nothing to retry around it.</summary>
    private static bool IsEventBasedSend(InvocationExpressionSyntax send, StatusLibrary library) =>
        library == StatusLibrary.SystemNetMail && Sends.InvokedName(send) == "SendAsync";

    /// <summary>
    /// The statements to retry: from the one that declares the client (or the <c>using</c> statement that does) through
    /// <paramref name="anchor"/>, widened to the end of the block when a local they declare is used after them; null
    /// when running them again could deliver a message twice or cannot recover (see the class summary).
    /// </summary>
    private static Unit? FindUnit(FixInput input, StatementSyntax anchor, InvocationExpressionSyntax send, StatusLibrary library)
    {
        var receiver = send.Expression is MemberAccessExpressionSyntax access ? access.Expression : null;
        var client = receiver is null ? null : input.Model.GetSymbolInfo(receiver, input.CancellationToken).Symbol;
        var declaration = client is ILocalSymbol local ? local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(input.CancellationToken) : null;
        var creator = declaration?.FirstAncestorOrSelf<StatementSyntax>();
        StatementSyntax? first = null;
        if (creator is UsingStatementSyntax && creator.Span.Contains(anchor.Span))
        {
            anchor = creator;
            first = creator;
        }
        else if (creator is LocalDeclarationStatementSyntax && creator.Parent is BlockSyntax creatorBlock && creatorBlock.Span.Contains(anchor.Span))
        {
            // The client is created in a block around the send: retry from its creation through the statement holding the send.
            anchor = anchor.AncestorsAndSelf().OfType<StatementSyntax>().First(statement => statement.Parent == creatorBlock);
            first = creator;
        }
        else if (library == StatusLibrary.MailKit && (creator is null || !anchor.Span.Contains(creator.Span)))
        {
            // A MailKit client from outside: after a 421 it is disconnected, and only its owner can connect it again.
            // (One created inside the try that SMTP102 retries is the unit's own.)
            return null;
        }

        if (anchor.Parent is not BlockSyntax block)
        {
            return null;
        }

        var start = block.Statements.IndexOf(first ?? anchor);
        var end = block.Statements.IndexOf(anchor);
        var flow = input.Model.AnalyzeDataFlow(block.Statements[start], block.Statements[end]);
        if (flow is not { Succeeded: true })
        {
            return null;
        }

        if (flow.VariablesDeclared.Any(variable => flow.ReadOutside.Contains(variable) || flow.WrittenOutside.Contains(variable)))
        {
            end = block.Statements.Count - 1;
        }

        var statements = block.Statements.Skip(start).Take(end - start + 1).ToList();
        var control = input.Model.AnalyzeControlFlow(statements[0], statements[statements.Count - 1]);
        if (control is not { Succeeded: true }
            || control.ExitPoints.Any(exit => exit is not ReturnStatementSyntax)
            || statements.Any(statement => statement is LocalFunctionStatementSyntax or LabeledStatementSyntax)
            || statements.Any(statement => OwnCode.OwnNodes(statement).Any(own => own is YieldStatementSyntax))
            || send.Ancestors().TakeWhile(ancestor => ancestor != block).Any(RetryLoops.IsLoop)
            || !OnlyHarmlessAfter(input, send, block, statements, client)
            || (library == StatusLibrary.MailKit && !statements.Any(statement => Connects(input, statement, client!))))
        {
            return null;
        }

        var dataFlow = input.Model.AnalyzeDataFlow(statements[0], statements[statements.Count - 1])!;
        return new Unit(block, start, statements, control.EndPointIsReachable, control.ReturnStatements.Length > 0, dataFlow);
    }

    /// <summary>Whether <paramref name="scope"/> connects (<c>Connect</c>/<c>ConnectAsync</c>) <paramref name="client"/>.</summary>
    private static bool Connects(FixInput input, SyntaxNode scope, ISymbol client) =>
        OwnCode.OwnNodes(scope).OfType<InvocationExpressionSyntax>().Any(invocation =>
            Sends.InvokedName(invocation) is "Connect" or "ConnectAsync"
            && IsOn(input, invocation, client));

    private static bool IsOn(FixInput input, InvocationExpressionSyntax invocation, ISymbol? client) =>
        client is not null
        && invocation.Expression is MemberAccessExpressionSyntax access
        && SymbolEqualityComparer.Default.Equals(input.Model.GetSymbolInfo(access.Expression, input.CancellationToken).Symbol, client);

    /// <summary>
    /// Whether everything the unit runs after the send is safe to repeat once the message went out: the client's
    /// disconnect or disposal, and a <c>return</c> of a value computed without a call. Anything else (marking the
    /// message sent, sending another) could fail after the delivery and have the retry deliver it again.
    /// </summary>
    private static bool OnlyHarmlessAfter(FixInput input, InvocationExpressionSyntax send, BlockSyntax unitBlock, List<StatementSyntax> unitStatements, ISymbol? client)
    {
        for (SyntaxNode? current = send.FirstAncestorOrSelf<StatementSyntax>(); current is not null && current != unitBlock; current = current.Parent)
        {
            if (current.Parent is not BlockSyntax block || current is not StatementSyntax statement)
            {
                continue;
            }

            var following = block == unitBlock
                ? unitStatements.SkipWhile(candidate => candidate != statement).Skip(1)
                : block.Statements.SkipWhile(candidate => candidate != statement).Skip(1);
            if (!following.All(candidate => IsHarmless(input, candidate, client)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHarmless(FixInput input, StatementSyntax statement, ISymbol? client) => statement switch
    {
        EmptyStatementSyntax => true,
        ReturnStatementSyntax { Expression: var value } => value is null || !value.DescendantNodesAndSelf().Any(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax),
        ExpressionStatementSyntax { Expression: var expression } => Unwrapped(expression) is InvocationExpressionSyntax call
            && Sends.InvokedName(call) is "Disconnect" or "DisconnectAsync" or "Dispose"
            && IsOn(input, call, client),
        _ => false,
    };

    /// <summary>The call under <c>await</c> and <c>.ConfigureAwait(…)</c>.</summary>
    private static ExpressionSyntax Unwrapped(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case AwaitExpressionSyntax awaited:
                    expression = awaited.Expression;
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner } }:
                    expression = inner;
                    break;
                default:
                    return expression;
            }
        }
    }

    /// <summary>
    /// The project's Polly retry when it has one and the unit can run in a lambda: it
    /// returns nothing, captures no <c>ref</c> parameter or ref struct, assigns nothing that is read after it, awaits
    /// exactly when the function is async, and sits in a class or record.
    /// </summary>
    private static RetryForm PollyForm(FixInput input, Unit unit, RetryFunction function)
    {
        if (input.RetryClass is not { } retry
            || !retry.Has(retry.MemberFor(function.IsAsync))
            || unit.Returns
            || unit.DataFlow.DataFlowsOut.Any()
            || unit.Block.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not ClassDeclarationSyntax and not RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword }
            || unit.Statements.Any(statement => OwnCode.OwnNodes(statement).Any(node => node is AwaitExpressionSyntax)) != function.IsAsync
            || unit.Statements.Any(statement => statement.DescendantNodes().Any(node => node is StackAllocArrayCreationExpressionSyntax))
            || unit.DataFlow.ReadInside.Concat(unit.DataFlow.WrittenInside).Any(IsNotCapturable))
        {
            return RetryForm.Loop;
        }

        return RetryForm.Polly;

        static bool IsNotCapturable(ISymbol symbol) => symbol switch
        {
            IParameterSymbol parameter => parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType,
            ILocalSymbol local => local.IsRef || local.Type.IsRefLikeType,
            _ => false,
        };
    }

    /// <summary>
    /// <c>for (var attempt = 1; ; attempt++) { try { unit; break; } catch (Exception ex) when (attempt &lt; 3 &amp;&amp; SmtpFailures.IsTransient(ex)) { log; delay; } }</c>;
    /// for SMTP102 the transient clause goes first in the existing <c>try</c> and ends with <c>continue</c>.
    /// </summary>
    private static StatementSyntax Loop(SmtpFailuresClass failures, Unit unit, RetryFunction function, TryStatementSyntax? existingTry)
    {
        var position = unit.Block.Statements[unit.Start].SpanStart;
        var attempt = function.UniqueName("attempt", position, unit.Statements);
        var exception = function.UniqueName("ex", position, unit.Statements.OfType<LocalDeclarationStatementSyntax>());
        var delay = function.Delay(SyntaxFactory.BinaryExpression(SyntaxKind.SubtractExpression, SyntaxFactory.IdentifierName(attempt), Literal(1)));

        // The retry clause logs the retry (where the function can), waits, and goes round again.
        StatementSyntax?[] retry = [function.LogRetry(exception, attempt, position), delay, existingTry is null ? null : SyntaxFactory.ContinueStatement()];
        var clause = SyntaxFactory.CatchClause(
            SyntaxFactory.CatchDeclaration(ExceptionType(), SyntaxFactory.Identifier(exception)),
            SyntaxFactory.CatchFilterClause(SyntaxFactory.BinaryExpression(
                SyntaxKind.LogicalAndExpression,
                SyntaxFactory.BinaryExpression(SyntaxKind.LessThanExpression, SyntaxFactory.IdentifierName(attempt), Literal(function.MaxAttempts)),
                failures.IsTransient(SyntaxFactory.IdentifierName(exception)))),
            SyntaxFactory.Block(retry.OfType<StatementSyntax>()));
        BlockSyntax body;
        if (existingTry is null)
        {
            var statements = Moved(unit.Statements);
            var attemptBlock = SyntaxFactory.Block(unit.EndReachable ? statements.Append(SyntaxFactory.BreakStatement()) : statements);
            body = SyntaxFactory.Block(SyntaxFactory.TryStatement(attemptBlock, SyntaxFactory.SingletonList(clause), null));
        }
        else
        {
            var withClause = existingTry.WithCatches(existingTry.Catches.Insert(0, clause.WithAdditionalAnnotations(Formatter.Annotation)));
            var statements = Moved(unit.Statements.Select(statement => statement.Contains(existingTry) ? statement.ReplaceNode(existingTry, withClause) : statement).ToList());
            body = SyntaxFactory.Block(unit.EndReachable ? statements.Append(SyntaxFactory.BreakStatement()) : statements);
        }

        var loop = SyntaxFactory.ForStatement(
            SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(attempt), null, SyntaxFactory.EqualsValueClause(Literal(1))))),
            default,
            null,
            SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.PostfixUnaryExpression(SyntaxKind.PostIncrementExpression, SyntaxFactory.IdentifierName(attempt))),
            body);
        return Placed(loop, unit);
    }

    /// <summary>
    /// <c>await SmtpRetry.Pipeline.ExecuteAsync(async token =&gt; { unit }, cancellationToken);</c> (v8), or
    /// <c>SmtpRetry.Policy.Execute(() =&gt; { unit });</c> (v7); inside the lambda, the function's token is the one
    /// Polly hands the callback.
    /// </summary>
    private static StatementSyntax Polly(FixInput input, SmtpRetryClass retry, Unit unit, RetryFunction function)
    {
        var member = retry.MemberFor(function.IsAsync);
        var outerToken = function.CancellationToken;
        var hasToken = outerToken is not null || member == SmtpRetryClass.Pipeline && function.IsAsync;
        var token = hasToken ? function.UniqueName(outerToken is null ? "_" : "token", unit.Block.Statements[unit.Start].SpanStart, unit.Statements) : null;
        var body = SyntaxFactory.Block((IEnumerable<StatementSyntax>)Moved(outerToken is null
            ? unit.Statements
            : unit.Statements.Select(statement => WithToken(input, statement, outerToken, token!)).ToList()));
        LambdaExpressionSyntax lambda = token is null
            ? SyntaxFactory.ParenthesizedLambdaExpression(body)
            : SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(token)), body);
        if (function.IsAsync)
        {
            lambda = lambda.WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword));
        }

        var arguments = outerToken is null
            ? SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))
            : SyntaxFactory.SeparatedList([SyntaxFactory.Argument(lambda), SyntaxFactory.Argument(SyntaxFactory.IdentifierName(outerToken))]);
        ExpressionSyntax call = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, retry.Reference(member), SyntaxFactory.IdentifierName(function.IsAsync ? "ExecuteAsync" : "Execute")),
            SyntaxFactory.ArgumentList(arguments));
        if (function.IsAsync)
        {
            call = SyntaxFactory.AwaitExpression(call);
        }

        return Placed(SyntaxFactory.ExpressionStatement(call), unit);
    }

    /// <summary>The statement with every use of the function's token parameter replaced by the callback's own.</summary>
    private static StatementSyntax WithToken(FixInput input, StatementSyntax statement, string outerToken, string token)
    {
        var uses = statement.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(name => name.Identifier.ValueText == outerToken.TrimStart('@')
                && name.Parent is not NameColonSyntax
                && input.Model.GetSymbolInfo(name, input.CancellationToken).Symbol is IParameterSymbol)
            .ToList();
        return uses.Count == 0
            ? statement
            : statement.ReplaceNodes(uses, (use, _) => SyntaxFactory.IdentifierName(token).WithTriviaFrom(use));
    }

    /// <summary>The unit's statements for a new block: the blank lines above the first one stay above the wrapper.</summary>
    private static List<StatementSyntax> Moved(List<StatementSyntax> statements)
    {
        var moved = statements.ToList();
        moved[0] = moved[0].WithLeadingTrivia(WithoutLeadingBlankLines(moved[0].GetLeadingTrivia()));
        return moved;
    }

    /// <summary>The wrapper, formatted where it stands, with the blank lines that were above the unit.</summary>
    private static StatementSyntax Placed(StatementSyntax wrapper, Unit unit)
    {
        var leading = unit.Statements[0].GetLeadingTrivia();
        var blankLines = leading.Count - WithoutLeadingBlankLines(leading).Count;
        return wrapper
            .WithLeadingTrivia(SyntaxFactory.TriviaList(leading.Take(blankLines)))
            .WithTrailingTrivia(unit.Statements[unit.Count - 1].GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static TypeSyntax ExceptionType() =>
        SyntaxFactory.ParseTypeName("global::System.Exception").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    private static LiteralExpressionSyntax Literal(int value) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

    /// <summary>Blank lines above the first statement stay above the wrapper.</summary>
    private static SyntaxTriviaList WithoutLeadingBlankLines(SyntaxTriviaList trivia)
    {
        var lastBlank = -1;
        for (var index = 0; index < trivia.Count && trivia[index].Kind() is SyntaxKind.WhitespaceTrivia or SyntaxKind.EndOfLineTrivia; index++)
        {
            if (trivia[index].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lastBlank = index;
            }
        }

        return SyntaxFactory.TriviaList(trivia.Skip(lastBlank + 1));
    }

    /// <summary>The statements a fix wraps, and what it learnt about them.</summary>
    private sealed class Unit
    {
        public Unit(BlockSyntax block, int start, List<StatementSyntax> statements, bool endReachable, bool returns, DataFlowAnalysis dataFlow)
        {
            Block = block;
            Start = start;
            Statements = statements;
            EndReachable = endReachable;
            Returns = returns;
            DataFlow = dataFlow;
        }

        public BlockSyntax Block { get; }

        public int Start { get; }

        public int Count => Statements.Count;

        public List<StatementSyntax> Statements { get; }

        /// <summary>Whether control can flow past the last statement (then the retry must stop there).</summary>
        public bool EndReachable { get; }

        /// <summary>Whether the unit returns from the function: it cannot move into a lambda.</summary>
        public bool Returns { get; }

        public DataFlowAnalysis DataFlow { get; }
    }
}
