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
using SmtpAnalyzers.TransientFailures;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP106: makes the send repeated in a catch clause for <c>SmtpFailedRecipient(s)Exception</c> go to the refused
/// recipients whose reply was transient, and only when there is one:
/// <code>
/// message.To.Clear(); message.CC.Clear(); message.Bcc.Clear();
/// foreach (var failed in ex.InnerExceptions)
///     if (SmtpReplyCodes.IsTransient((int)failed.StatusCode)) message.To.Add(failed.FailedRecipient);
/// if (message.To.Count &gt; 0) smtp.Send(message);
/// </code>
/// Every repeated send of the clause is rewritten at once, so Fix All and a single fix agree. No fix for a send
/// that is not a statement of its own (<c>return smtp.SendMailAsync(message);</c>), nor for the retry-loop shape,
/// where the send to change is the one in the <c>try</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WholeMessageResentFixer)), Shared]
public sealed class WholeMessageResentFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP106 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.WholeMessageResent + ".ResendToFailedRecipients";

    private const string Helper = "IsTransient";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.WholeMessageResent);

    private protected override string FixAllTitle => "Send again only to the refused recipients";

    private protected override string EquivalenceKey => Key;

    private protected override PlannedFix? Plan(FixInput input, Diagnostic diagnostic)
    {
        if (input.NodeOf(diagnostic) is not InvocationExpressionSyntax send
            || send.FirstAncestorOrSelf<CatchClauseSyntax>() is not { } catchClause
            || !catchClause.Block.Span.Contains(send.Span)
            || !input.ReplyCodes.Has(Helper)
            || catchClause.Declaration is not { } declaration
            || CatchClauses.CaughtType(declaration, input.Model, input.CancellationToken) is not { } caught)
        {
            return null;
        }

        var statements = new List<ExpressionStatementSyntax>();
        foreach (var repeated in WholeMessageResentAnalyzer.RepeatedSends(catchClause, includeLoop: false, input.Model, input.Symbols, input.CancellationToken))
        {
            if (StatementOf(repeated) is { } statement)
            {
                statements.Add(statement);
            }
        }

        if (!statements.Any(statement => statement.Span.Contains(send.Span)))
        {
            return null;
        }

        return new PlannedFix(
            "Send again only to the refused recipients with a transient reply",
            replacements => replacements[catchClause] = Rewrite(input, catchClause, caught, statements));
    }

    private static CatchClauseSyntax Rewrite(FixInput input, CatchClauseSyntax catchClause, ITypeSymbol caught, List<ExpressionStatementSyntax> statements)
    {
        var declaration = catchClause.Declaration!;
        var exception = declaration.Identifier.ValueText;
        if (exception.Length == 0)
        {
            exception = FreeName(input, catchClause, "ex");
        }

        // SmtpFailedRecipientException is also the base of the plural exception that a catch of it receives.
        var plural = FreeName(input, catchClause, "failures");
        var failures = SymbolEqualityComparer.Default.Equals(caught, input.Symbols.SystemNetMailFailedRecipientException)
            ? exception + " is global::System.Net.Mail.SmtpFailedRecipientsException " + plural + " ? " + plural + ".InnerExceptions : new[] { " + exception + " }"
            : exception + ".InnerExceptions";
        var failed = FreeName(input, catchClause, "failed");
        var isTransient = input.ReplyCodes.QualifiedName(Helper);

        // A statement of a block is replaced by several in that block; an embedded one (if (…) smtp.Send(message);) by a block.
        var rewritten = catchClause.ReplaceNodes(
            statements.Select(statement => statement.Parent is BlockSyntax block ? block : (SyntaxNode)statement).Distinct(),
            (original, withInnerChanges) =>
            {
                if (original is not BlockSyntax block)
                {
                    return SyntaxFactory.Block(Expansion((ExpressionStatementSyntax)original)).WithAdditionalAnnotations(Formatter.Annotation);
                }

                var changed = (BlockSyntax)withInnerChanges;
                var newStatements = new List<StatementSyntax>();
                for (var i = 0; i < block.Statements.Count; i++)
                {
                    if (block.Statements[i] is ExpressionStatementSyntax statement && statements.Contains(statement))
                    {
                        newStatements.AddRange(Expansion(statement));
                    }
                    else
                    {
                        newStatements.Add(changed.Statements[i]);
                    }
                }

                return changed.WithStatements(SyntaxFactory.List(newStatements));
            });

        if (declaration.Identifier.ValueText.Length == 0)
        {
            rewritten = rewritten.WithDeclaration(rewritten.Declaration!.WithIdentifier(SyntaxFactory.Identifier(exception)));
        }

        return rewritten;

        IEnumerable<StatementSyntax> Expansion(ExpressionStatementSyntax statement)
        {
            var message = MessageText(statement);
            var code = message + ".To.Clear();\n"
                + message + ".CC.Clear();\n"
                + message + ".Bcc.Clear();\n"
                + "foreach (var " + failed + " in " + failures + ")\n{\n"
                + "if (" + isTransient + "((int)" + failed + ".StatusCode))\n{\n"
                + message + ".To.Add(" + failed + ".FailedRecipient);\n}\n}\n";
            var block = (BlockSyntax)SyntaxFactory.ParseStatement("{\n" + code + "}");
            var leading = statement.GetLeadingTrivia();
            foreach (var generated in block.Statements)
            {
                yield return Annotate(generated).WithLeadingTrivia(generated == block.Statements[0] ? leading : default);
            }

            // The send keeps its trailing comment; the if ends its line as the send did.
            yield return SyntaxFactory.IfStatement(
                    SyntaxFactory.ParseExpression(message + ".To.Count > 0"),
                    SyntaxFactory.Block(statement.WithoutLeadingTrivia()))
                .WithAdditionalAnnotations(Formatter.Annotation)
                .WithTrailingTrivia(statement.GetTrailingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)));
        }
    }

    /// <summary>Formats the generated statement, and lets cleanup shorten the <c>global::</c> names it holds.</summary>
    private static StatementSyntax Annotate(StatementSyntax generated)
    {
        var qualified = new List<SyntaxNode>();
        foreach (var alias in generated.DescendantNodes().OfType<AliasQualifiedNameSyntax>())
        {
            SyntaxNode name = alias;
            while (name.Parent is QualifiedNameSyntax or MemberAccessExpressionSyntax && name.Parent.ChildNodes().First() == name)
            {
                name = name.Parent;
            }

            qualified.Add(name);
        }

        return generated.ReplaceNodes(qualified, (_, name) => name.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The message argument of the send the statement makes.</summary>
    private static string MessageText(ExpressionStatementSyntax statement)
    {
        foreach (var node in statement.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && Sends.IsSendName(Sends.InvokedName(invocation)) && invocation.ArgumentList.Arguments.Count > 0)
            {
                return invocation.ArgumentList.Arguments[0].Expression.WithoutTrivia().ToString();
            }
        }

        return string.Empty;
    }

    /// <summary>The send's own statement: <c>smtp.Send(message);</c>, <c>await smtp.SendMailAsync(message).ConfigureAwait(false);</c>.</summary>
    private static ExpressionStatementSyntax? StatementOf(InvocationExpressionSyntax send)
    {
        SyntaxNode current = send;
        while (current.Parent is AwaitExpressionSyntax or ParenthesizedExpressionSyntax
            || (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access && access.Expression == current && access.Parent is InvocationExpressionSyntax))
        {
            current = current.Parent is MemberAccessExpressionSyntax ? current.Parent.Parent! : current.Parent;
        }

        return current.Parent as ExpressionStatementSyntax;
    }

    /// <summary><paramref name="name"/>, or <paramref name="name"/> with a number, free in the catch clause.</summary>
    private static string FreeName(FixInput input, CatchClauseSyntax catchClause, string name)
    {
        for (var suffix = 0; ; suffix++)
        {
            var candidate = suffix == 0 ? name : name + suffix;
            if (input.Model.LookupSymbols(catchClause.Block.SpanStart + 1, name: candidate).IsEmpty
                && !catchClause.DescendantTokens().Any(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == candidate))
            {
                return candidate;
            }
        }
    }
}
