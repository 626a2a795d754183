using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.TransientFailures;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP101 and SMTP102: wraps the unit of work around the send in a bounded retry of transient failures (4 attempts,
/// exponential backoff from 30 s). The unit runs from the statement that creates the client (a new connection per
/// attempt: a 421 closes the channel) through the send, or through the end of the block when a local it declares is
/// used later; it is the send alone when the client comes from outside. SMTP101 uses the project's Polly v8 pipeline
/// or Polly v7 policy, a <c>private static readonly</c> field shared by the fixes of one type, and a <c>for</c> loop
/// otherwise; SMTP102 always uses the loop and puts the transient clause before the existing ones, which then see
/// only what the retries leave. No fix for a client from outside that the method connects (connecting a connected
/// MailKit client throws), for units that jump out (<c>break</c>, <c>continue</c>, <c>goto</c>) or yield, for
/// System.Net.Mail's event-based <c>SendAsync</c>, or in code with compile errors.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TransientRetryFixer)), Shared]
public sealed class TransientRetryFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP101 and SMTP102 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.UnhandledSend + ".RetryTransientFailures";

    private const string FieldName = "SmtpRetry";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIds.UnhandledSend, RuleIds.DroppedTransientFailure);

    private protected override string FixAllTitle => "Retry transient SMTP failures";

    private protected override string EquivalenceKey => Key;

    private enum RetryForm
    {
        Loop,
        PollyPipeline,
        PollyPolicy,
    }

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
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
        if (sends.Count == 0 || sends.Any(send => send.Library != sends[0].Library || IsEventBasedSend(send.Send, send.Library)))
        {
            return null;
        }

        var library = sends[0].Library;
        var anchor = (StatementSyntax?)existingTry ?? sends[0].Send.FirstAncestorOrSelf<StatementSyntax>();
        if (anchor is null || sends.Any(send => send.Send.Ancestors().TakeWhile(ancestor => ancestor != anchor).Any(OwnCode.IsFunction)))
        {
            return null;
        }

        var unit = FindUnit(input, anchor, sends.Select(send => send.Send), library);
        if (unit is null || !input.ReplyCodes.Has("IsTransient"))
        {
            return null;
        }

        var function = RetryFunction.Of(unit.Block, input);
        if (function is null
            || (existingTry is not null && existingTry.Ancestors().TakeWhile(ancestor => ancestor != unit.Block).Any(ancestor => RetryLoops.IsLoop(ancestor) || OwnCode.IsFunction(ancestor))))
        {
            return null;
        }

        var form = existingTry is null ? PollyForm(input, unit, function) : RetryForm.Loop;
        var title = "Retry transient failures (" + RetryFunction.MaxAttempts + " attempts, exponential backoff)"
            + form switch
            {
                RetryForm.PollyPipeline => " with a Polly pipeline",
                RetryForm.PollyPolicy => " with a Polly policy",
                _ => " in a loop",
            };
        return new PlannedFix(title, edits =>
        {
            if (edits.Touches(unit.Block))
            {
                return;
            }

            var layout = Layout.Of(unit, function);
            var wrapped = form == RetryForm.Loop
                ? Loop(input, unit, function, layout, library, existingTry)
                : Polly(input, edits, unit, function, layout, library, form);
            if (wrapped is not null)
            {
                var statements = unit.Block.Statements.ToList();
                statements.RemoveRange(unit.Start, unit.Count);
                statements.Insert(unit.Start, wrapped);
                edits.Replacements[unit.Block] = unit.Block.WithStatements(SyntaxFactory.List(statements));
            }
        });
    }

    /// <summary>System.Net.Mail's <c>SendAsync(message, userToken)</c> reports through an event: there is nothing to retry around it.</summary>
    private static bool IsEventBasedSend(InvocationExpressionSyntax send, StatusLibrary library) =>
        library == StatusLibrary.SystemNetMail && Sends.InvokedName(send) == "SendAsync";

    /// <summary>
    /// The statements to retry: from the one that declares the client (or the <c>using</c> statement that does) through
    /// <paramref name="anchor"/>, widened to the end of the block when a local they declare is used after them.
    /// </summary>
    private static Unit? FindUnit(FixInput input, StatementSyntax anchor, IEnumerable<InvocationExpressionSyntax> sends, StatusLibrary library)
    {
        StatementSyntax? first = null;
        foreach (var send in sends)
        {
            var receiver = send.Expression is MemberAccessExpressionSyntax access ? access.Expression : null;
            var client = receiver is null ? null : input.Model.GetSymbolInfo(receiver, input.CancellationToken).Symbol;
            var declaration = client is ILocalSymbol local ? local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(input.CancellationToken) : null;
            var creator = declaration?.FirstAncestorOrSelf<StatementSyntax>();
            if (creator is not null && (creator is LocalDeclarationStatementSyntax || (creator is UsingStatementSyntax && creator.Span.Contains(anchor.Span))))
            {
                if (creator is UsingStatementSyntax || creator.Parent is not BlockSyntax creatorBlock || !creatorBlock.Span.Contains(anchor.Span))
                {
                    anchor = creator is UsingStatementSyntax ? creator : anchor;
                    first = creator is UsingStatementSyntax ? creator : first;
                    continue;
                }

                // The client is created in a block around the send: retry from its creation through the statement holding the send.
                anchor = anchor.AncestorsAndSelf().OfType<StatementSyntax>().First(statement => statement.Parent == creatorBlock);
                first = first is null || creator.SpanStart < first.SpanStart ? creator : first;
            }
            else if (library == StatusLibrary.MailKit && client is not null && ConnectsInTheMethod(input, anchor, client))
            {
                return null;
            }
        }

        if (anchor.Parent is not BlockSyntax block || (first is not null && first.Parent != block))
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
            || statements.Any(statement => OwnCode.OwnNodes(statement).Any(own => own is YieldStatementSyntax)))
        {
            return null;
        }

        var dataFlow = input.Model.AnalyzeDataFlow(statements[0], statements[statements.Count - 1])!;
        return new Unit(block, start, statements, control.EndPointIsReachable, control.ReturnStatements.Length > 0, dataFlow);
    }

    /// <summary>Whether the function connects (<c>Connect</c>/<c>ConnectAsync</c>) a client it did not create.</summary>
    private static bool ConnectsInTheMethod(FixInput input, SyntaxNode anchor, ISymbol client)
    {
        var body = anchor.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return body is not null && OwnCode.OwnNodes(body).OfType<InvocationExpressionSyntax>().Any(invocation =>
            Sends.InvokedName(invocation) is "Connect" or "ConnectAsync"
            && invocation.Expression is MemberAccessExpressionSyntax access
            && SymbolEqualityComparer.Default.Equals(input.Model.GetSymbolInfo(access.Expression, input.CancellationToken).Symbol, client));
    }

    /// <summary>
    /// Polly when the project references it and the unit can run in a lambda: it returns nothing, captures no
    /// <c>ref</c> parameter or ref struct, awaits exactly when the function is async, and sits in a class or record.
    /// </summary>
    private static RetryForm PollyForm(FixInput input, Unit unit, RetryFunction function)
    {
        var pollyReferenced = input.Symbols.ReferencesPolly;
        if (!pollyReferenced
            || unit.Returns
            || unit.Block.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not ClassDeclarationSyntax and not RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword }
            || unit.Statements.Any(statement => OwnCode.OwnNodes(statement).Any(node => node is AwaitExpressionSyntax)) != function.IsAsync
            || unit.Statements.Any(statement => statement.DescendantNodes().Any(node => node is StackAllocArrayCreationExpressionSyntax))
            || unit.DataFlow.ReadInside.Concat(unit.DataFlow.WrittenInside).Any(IsNotCapturable))
        {
            return RetryForm.Loop;
        }

        return input.Symbols.PollyRetryOptions is not null ? RetryForm.PollyPipeline : RetryForm.PollyPolicy;

        static bool IsNotCapturable(ISymbol symbol) => symbol switch
        {
            IParameterSymbol parameter => parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType,
            ILocalSymbol local => local.IsRef || local.Type.IsRefLikeType,
            _ => false,
        };
    }

    /// <summary>
    /// <c>for (var attempt = 1; ; attempt++) { try { unit; break; } catch (…) when (attempt &lt; 4 &amp;&amp; transient) { delay; } }</c>;
    /// for SMTP102 the transient clause goes first in the existing <c>try</c> and ends with <c>continue</c>.
    /// </summary>
    private static StatementSyntax Loop(FixInput input, Unit unit, RetryFunction function, Layout layout, StatusLibrary library, TryStatementSyntax? existingTry)
    {
        var attempt = function.UniqueName("attempt", unit.Block.Statements[unit.Start].SpanStart, unit.Statements);
        var exception = function.UniqueName("ex", unit.Block.Statements[unit.Start].SpanStart, TopLevelDeclarations(unit));
        var command = function.UniqueName("command", unit.Block.Statements[unit.Start].SpanStart, TopLevelDeclarations(unit));
        var (caught, test) = TransientTest(input, library, exception, command);
        var (i, u, eol) = (layout.Indentation, layout.Unit, layout.EndOfLine);
        var delay = function.Delay(attempt + " - 1").ToFullString();
        var filter = "catch (" + caught + " " + exception + ") when (" + attempt + " < " + RetryFunction.MaxAttempts + " && " + test + ")";
        var header = i + "for (var " + attempt + " = 1; ; " + attempt + "++)" + eol + i + "{" + eol;
        var text = new StringBuilder(header);
        IEnumerable<StatementSyntax> statements;
        if (existingTry is null)
        {
            text.Append(i + u + "try" + eol + i + u + "{" + eol);
            text.Append(i + u + u + "__unit__();" + eol);
            text.Append(unit.EndReachable ? i + u + u + "break;" + eol : string.Empty);
            text.Append(i + u + "}" + eol);
            text.Append(i + u + filter + eol + i + u + "{" + eol + i + u + u + delay + eol + i + u + "}" + eol);
            statements = Reindented(unit.Statements, u + u, eol);
        }
        else
        {
            text.Append(i + u + "__unit__();" + eol);
            text.Append(unit.EndReachable ? i + u + "break;" + eol : string.Empty);
            var tryIndentation = layout.IndentationOf(existingTry);
            var clause = SyntaxFactory.ParseStatement(
                    "try { } " + filter + eol + tryIndentation + "{" + eol + tryIndentation + u + delay + eol + tryIndentation + u + "continue;" + eol + tryIndentation + "}" + eol)
                .DescendantNodes().OfType<CatchClauseSyntax>().First()
                .WithLeadingTrivia(SyntaxFactory.Whitespace(tryIndentation))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            var withClause = existingTry.WithCatches(existingTry.Catches.Insert(0, clause));
            statements = Reindented(unit.Statements.Select(statement => statement.ReplaceNode(existingTry, withClause)), u, eol);
        }

        text.Append(i + "}" + eol);
        var loop = SyntaxFactory.ParseStatement(text.ToString());
        if (existingTry is null)
        {
            loop = loop.ReplaceNodes(
                loop.DescendantNodes().OfType<CatchClauseSyntax>(),
                (_, catchClause) => catchClause.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
        }

        return Fill(loop, statements, layout);
    }

    /// <summary><c>await SmtpRetry.ExecuteAsync(async token =&gt; { unit }, cancellationToken);</c> and the shared field.</summary>
    private static StatementSyntax? Polly(FixInput input, DocumentEdits edits, Unit unit, RetryFunction function, Layout layout, StatusLibrary library, RetryForm form)
    {
        var type = unit.Block.FirstAncestorOrSelf<TypeDeclarationSyntax>()!;
        if (input.Model.GetDeclaredSymbol(type, input.CancellationToken) is not { } typeSymbol)
        {
            return null;
        }

        var name = edits.AddMember(type, typeSymbol, FieldName, fieldName => Field(input, type, library, form, function.IsAsync, fieldName, layout));
        var token = function.UniqueName("token", unit.Block.Statements[unit.Start].SpanStart, unit.Statements);
        var (i, u, eol) = (layout.Indentation, layout.Unit, layout.EndOfLine);
        var lambda = function.CancellationToken is null && form == RetryForm.PollyPolicy ? "()" : token;
        var call = (function.IsAsync ? "await " + name + ".ExecuteAsync(async " : name + ".Execute(") + lambda + " =>" + eol
            + i + "{" + eol
            + i + u + "__unit__();" + eol
            + i + "}" + (function.CancellationToken is null ? string.Empty : ", " + function.CancellationToken) + ");" + eol;
        if (!function.IsAsync && function.CancellationToken is null)
        {
            call = call.Replace(".Execute(" + token + " =>", ".Execute(() =>");
        }

        return Fill(SyntaxFactory.ParseStatement(i + call), Reindented(unit.Statements, u, eol), layout);
    }

    private static MemberDeclarationSyntax Field(FixInput input, TypeDeclarationSyntax type, StatusLibrary library, RetryForm form, bool isAsync, string name, Layout layout)
    {
        var (m, u, eol) = (layout.IndentationOf(type) + layout.Unit, layout.Unit, layout.EndOfLine);
        var transient = input.ReplyCodes.QualifiedName("IsTransient");
        string[] handled = library == StatusLibrary.MailKit
            ? [
                "<global::MailKit.Net.Smtp.SmtpCommandException>(ex => " + transient + "((int)ex.StatusCode))",
                "<global::MailKit.Net.Smtp.SmtpProtocolException>()",
                "<global::System.IO.IOException>()",
            ]
            : ["<global::System.Net.Mail.SmtpException>(ex => " + SystemNetMailTest(input, "ex", transient) + ")"];
        var text = new StringBuilder();
        if (form == RetryForm.PollyPipeline)
        {
            text.Append(m + "private static readonly global::Polly.ResiliencePipeline " + name + " = new global::Polly.ResiliencePipelineBuilder()" + eol);
            text.Append(m + u + ".AddRetry(new global::Polly.Retry.RetryStrategyOptions" + eol + m + u + "{" + eol);
            text.Append(m + u + u + "ShouldHandle = new global::Polly.PredicateBuilder()" + eol);
            text.Append(string.Join(eol, handled.Select(handle => m + u + u + u + ".Handle" + handle)) + "," + eol);
            text.Append(m + u + u + "MaxRetryAttempts = " + (RetryFunction.MaxAttempts - 1) + "," + eol);
            text.Append(m + u + u + "Delay = global::System.TimeSpan.FromSeconds(" + RetryFunction.FirstDelaySeconds + ")," + eol);
            text.Append(m + u + u + "BackoffType = global::Polly.DelayBackoffType.Exponential," + eol);
            text.Append(m + u + "})" + eol + m + u + ".Build();" + eol);
        }
        else
        {
            text.Append(m + "private static readonly global::Polly.Retry." + (isAsync ? "AsyncRetryPolicy " : "RetryPolicy ") + name + " = global::Polly.Policy" + eol);
            text.Append(m + u + ".Handle" + handled[0] + eol);
            text.Append(string.Concat(handled.Skip(1).Select(handle => m + u + ".Or" + handle + eol)));
            text.Append(m + u + (isAsync ? ".WaitAndRetryAsync(" : ".WaitAndRetry(") + (RetryFunction.MaxAttempts - 1)
                + ", attempt => global::System.TimeSpan.FromSeconds(" + RetryFunction.FirstDelaySeconds + " * global::System.Math.Pow(2, attempt - 1)));" + eol);
        }

        // Polly's builder methods (AddRetry, Or, WaitAndRetryAsync) are extension methods: cleanup adds `using Polly;`
        // for the qualified Polly type names, and they bind once it is there.
        var afterFields = type.Members.Any(member => member is FieldDeclarationSyntax);
        return SyntaxFactory.ParseMemberDeclaration(text.ToString())!
            .WithTrailingTrivia(afterFields || type.Members.Count == 0 ? SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(eol)) : SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(eol), SyntaxFactory.EndOfLine(eol)))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    /// <summary>The caught type and the <c>when</c> test of a transient failure of <paramref name="library"/>.</summary>
    private static (string Caught, string Test) TransientTest(FixInput input, StatusLibrary library, string exception, string command)
    {
        var transient = input.ReplyCodes.QualifiedName("IsTransient");
        return library == StatusLibrary.MailKit
            ? ("global::System.Exception",
                "((" + exception + " is global::MailKit.Net.Smtp.SmtpCommandException " + command + " && " + transient + "((int)" + command + ".StatusCode))"
                + " || " + exception + " is global::MailKit.Net.Smtp.SmtpProtocolException || " + exception + " is global::System.IO.IOException)")
            : ("global::System.Net.Mail.SmtpException", SystemNetMailTest(input, exception, transient));
    }

    /// <summary>
    /// A System.Net.Mail failure worth another attempt: a 4xx reply or <c>GeneralFailure</c> (I/O, timeout), but not a
    /// recipient failure: the message went to the other recipients, and sending it again duplicates it (SMTP106).
    /// </summary>
    private static string SystemNetMailTest(FixInput input, string exception, string transient)
    {
        var notRecipient = ((CSharpParseOptions)input.Root.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp9
            ? exception + " is not global::System.Net.Mail.SmtpFailedRecipientException"
            : "!(" + exception + " is global::System.Net.Mail.SmtpFailedRecipientException)";
        return notRecipient + " && (" + exception + ".StatusCode == global::System.Net.Mail.SmtpStatusCode.GeneralFailure || " + transient + "((int)" + exception + ".StatusCode))";
    }

    /// <summary>The variables the unit declares at its top level: they share a scope with a clause the loop puts beside them.</summary>
    private static IEnumerable<SyntaxNode> TopLevelDeclarations(Unit unit) =>
        unit.Statements.OfType<LocalDeclarationStatementSyntax>();

    /// <summary>The wrapper with the unit's statements in place of the <c>__unit__();</c> marker.</summary>
    private static StatementSyntax Fill(StatementSyntax wrapper, IEnumerable<StatementSyntax> statements, Layout layout)
    {
        var marker = wrapper.DescendantNodes().OfType<ExpressionStatementSyntax>().First(statement => statement.ToString() == "__unit__();");
        return wrapper.ReplaceNode(marker, statements).WithLeadingTrivia(layout.LeadingTrivia);
    }

    /// <summary>The statements moved <paramref name="extra"/> to the right: whitespace at the start of each line of their trivia grows.</summary>
    private static IEnumerable<StatementSyntax> Reindented(IEnumerable<StatementSyntax> statements, string extra, string eol)
    {
        var first = true;
        foreach (var statement in statements)
        {
            var atLineStart = true;
            var moved = statement.ReplaceTokens(statement.DescendantTokens(), (original, _) =>
            {
                var leading = Shift(original.LeadingTrivia, atLineStart, extra);
                atLineStart = original.TrailingTrivia.Any(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
                return original.WithLeadingTrivia(leading);
            });
            yield return first ? moved.WithLeadingTrivia(WithoutLeadingBlankLines(moved.GetLeadingTrivia())) : moved;
            first = false;
        }
    }

    private static SyntaxTriviaList Shift(SyntaxTriviaList trivia, bool atLineStart, string extra)
    {
        var result = new List<SyntaxTrivia>();
        for (var index = 0; index < trivia.Count; index++)
        {
            var lineStart = index == 0 ? atLineStart : trivia[index - 1].IsKind(SyntaxKind.EndOfLineTrivia);
            var current = trivia[index];
            if (lineStart && current.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                result.Add(SyntaxFactory.Whitespace(extra + current.ToString()));
                continue;
            }

            if (lineStart && !current.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                result.Add(SyntaxFactory.Whitespace(extra));
            }

            result.Add(current);
        }

        if (result.Count == 0 || (result.Count > 0 && result[result.Count - 1].IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            if (trivia.Count == 0 ? atLineStart : trivia[trivia.Count - 1].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                result.Add(SyntaxFactory.Whitespace(extra));
            }
        }

        return SyntaxFactory.TriviaList(result);
    }

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

    /// <summary>The indentation and line breaks the wrapper is written with, taken from the code around it.</summary>
    private sealed class Layout
    {
        private readonly SourceTextLines _lines;

        private Layout(SourceTextLines lines, string indentation, string unit, string endOfLine, SyntaxTriviaList leadingTrivia)
        {
            _lines = lines;
            Indentation = indentation;
            Unit = unit;
            EndOfLine = endOfLine;
            LeadingTrivia = leadingTrivia;
        }

        /// <summary>The indentation of the first wrapped statement, which the wrapper takes.</summary>
        public string Indentation { get; }

        /// <summary>One level of indentation: what the block's statements add to its brace, four spaces by default.</summary>
        public string Unit { get; }

        public string EndOfLine { get; }

        /// <summary>The wrapper's leading trivia: the blank lines above the first statement, then its indentation.</summary>
        public SyntaxTriviaList LeadingTrivia { get; }

        public static Layout Of(Unit unit, RetryFunction function)
        {
            var lines = new SourceTextLines(unit.Block.SyntaxTree.GetText());
            var first = unit.Statements[0];
            var indentation = lines.IndentationOf(first);
            var braceIndentation = lines.IndentationOf(unit.Block.OpenBraceToken);
            var step = indentation.Length > braceIndentation.Length && indentation.StartsWith(braceIndentation, System.StringComparison.Ordinal)
                ? indentation.Substring(braceIndentation.Length)
                : "    ";
            var leading = first.GetLeadingTrivia();
            var blankLines = leading.Count - WithoutLeadingBlankLines(leading).Count;
            var leadingTrivia = SyntaxFactory.TriviaList(leading.Take(blankLines)).Add(SyntaxFactory.Whitespace(indentation));
            return new Layout(lines, indentation, step, function.EndOfLine.ToString(), leadingTrivia);
        }

        public string IndentationOf(SyntaxNode node) => _lines.IndentationOf(node.GetFirstToken());

        private sealed class SourceTextLines
        {
            private readonly Microsoft.CodeAnalysis.Text.SourceText _text;

            public SourceTextLines(Microsoft.CodeAnalysis.Text.SourceText text) => _text = text;

            public string IndentationOf(SyntaxNode node) => IndentationOf(node.GetFirstToken());

            public string IndentationOf(SyntaxToken token)
            {
                var line = _text.Lines.GetLineFromPosition(token.SpanStart).ToString();
                return line.Substring(0, line.Length - line.TrimStart().Length);
            }
        }
    }
}
