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
/// SMTP106: makes the send repeated in a catch clause for <c>SmtpFailedRecipient(s)Exception</c> send a new message to
/// the refused recipients, and only when every refusal was transient:
/// <code>
/// var failures = ex is SmtpFailedRecipientsException all ? all.InnerExceptions : new[] { ex };
/// var retry = new MailMessage { From = message.From!, Subject = message.Subject, Body = message.Body, … };
/// retry.Headers.Add(message.Headers); /* reply-to addresses, attachments, alternate views */
/// foreach (var failure in failures)
/// {
///     if (failure.FailedRecipient is not string recipient || !SmtpReplyCodes.IsTransient((int)failure.StatusCode)) { throw; }
///     retry.To.Add(recipient);
/// }
/// smtp.Send(retry);
/// </code>
/// The caller's message keeps its recipients; a permanent refusal reaches the caller as the original failure, since
/// sending again cannot deliver it. Every repeated send of the clause is rewritten at once, so Fix All and a single fix
/// agree. No fix for a send that is not a statement of its own (<c>return smtp.SendMailAsync(message);</c>), nor for
/// the retry-loop shape, where the send to change is the one in the <c>try</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WholeMessageResentFixer)), Shared]
public sealed class WholeMessageResentFixer : BatchCodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP106 fix, so that Fix All applies them together.</summary>
    public const string Key = RuleIds.WholeMessageResent + ".ResendToFailedRecipients";

    private const string Helper = "IsTransient";

    /// <summary>The message properties the new message copies, besides its collections.</summary>
    private static readonly string[] CopiedProperties =
    [
        "Subject", "SubjectEncoding", "Body", "BodyEncoding", "BodyTransferEncoding", "IsBodyHtml", "Priority",
        "HeadersEncoding", "DeliveryNotificationOptions",
    ];

    /// <summary>The message collections the new message copies item by item.</summary>
    private static readonly string[] CopiedCollections = ["ReplyToList", "Attachments", "AlternateViews"];

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
            if (StatementOf(repeated) is { } statement && MessageOf(statement) is IdentifierNameSyntax or MemberAccessExpressionSyntax)
            {
                statements.Add(statement);
            }
        }

        if (!statements.Any(statement => statement.Span.Contains(send.Span)))
        {
            return null;
        }

        return new PlannedFix(
            "Send a new message to the refused recipients, and rethrow a permanent refusal",
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

        var failures = FreeName(input, catchClause, "failures");
        var all = FreeName(input, catchClause, "all");
        var failure = FreeName(input, catchClause, "failure");
        var recipient = FreeName(input, catchClause, "recipient");
        var retry = FreeName(input, catchClause, "retry");
        var item = FreeName(input, catchClause, "item");
        var languageVersion = ((CSharpParseOptions)catchClause.SyntaxTree.Options).LanguageVersion;
        var patternsNegate = languageVersion >= LanguageVersion.CSharp9;
        var nullableWarnings = input.Model.GetNullableContext(catchClause.SpanStart).WarningsEnabled();

        // SmtpFailedRecipientException is also the base of the plural exception that a catch of it receives.
        ExpressionSyntax failureList = SymbolEqualityComparer.Default.Equals(caught, input.Symbols.SystemNetMailFailedRecipientException)
            ? SyntaxFactory.ConditionalExpression(
                SyntaxFactory.IsPatternExpression(
                    SyntaxFactory.IdentifierName(exception),
                    SyntaxFactory.DeclarationPattern(NetMail("SmtpFailedRecipientsException"), SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(all)))),
                Member(SyntaxFactory.IdentifierName(all), "InnerExceptions"),
                SyntaxFactory.ImplicitArrayCreationExpression(SyntaxFactory.InitializerExpression(
                    SyntaxKind.ArrayInitializerExpression,
                    SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.IdentifierName(exception)))))
            : Member(SyntaxFactory.IdentifierName(exception), "InnerExceptions");

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
            var message = MessageOf(statement)!;
            ExpressionSyntax from = Member(message, "From");
            if (nullableWarnings)
            {
                from = SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, from);
            }

            var copies = CopiedProperties
                .Select(property => (ExpressionSyntax)SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), Member(message, property)))
                .Prepend(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("From"), from))
                .ToList();
            var generated = new List<StatementSyntax>
            {
                Local(failures, failureList),
                Local(retry, SyntaxFactory.ObjectCreationExpression(
                    NetMail("MailMessage"),
                    null,
                    SyntaxFactory.InitializerExpression(
                        SyntaxKind.ObjectInitializerExpression,
                        SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
                        SyntaxFactory.SeparatedList(
                            copies,
                            copies.Skip(1).Select(_ => SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed))
                                .Append(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed))),
                        SyntaxFactory.Token(SyntaxKind.CloseBraceToken)))),

                // A message whose send reached its recipients had a sender; the optional Sender header is copied when set.
                SyntaxFactory.IfStatement(
                    SyntaxFactory.BinaryExpression(SyntaxKind.NotEqualsExpression, Member(message, "Sender"), SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)),
                    SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        Member(SyntaxFactory.IdentifierName(retry), "Sender"),
                        Member(message, "Sender"))))),
                SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                    Member(Member(SyntaxFactory.IdentifierName(retry), "Headers"), "Add"),
                    Arguments(Member(message, "Headers")))),
            };
            foreach (var collection in CopiedCollections)
            {
                generated.Add(SyntaxFactory.ForEachStatement(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.Identifier(item),
                    Member(message, collection),
                    SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                        Member(Member(SyntaxFactory.IdentifierName(retry), collection), "Add"),
                        Arguments(SyntaxFactory.IdentifierName(item)))))));
            }

            // A permanent refusal cannot be delivered by sending again: it reaches the caller as it came.
            var isString = SyntaxFactory.DeclarationPattern(
                SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)),
                SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(recipient)));
            var failedRecipient = Member(SyntaxFactory.IdentifierName(failure), "FailedRecipient");
            ExpressionSyntax noRecipient = patternsNegate
                ? SyntaxFactory.IsPatternExpression(failedRecipient, SyntaxFactory.UnaryPattern(isString))
                : SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, SyntaxFactory.ParenthesizedExpression(SyntaxFactory.IsPatternExpression(failedRecipient, isString)));
            var transient = SyntaxFactory.InvocationExpression(
                (ExpressionSyntax)input.ReplyCodes.Reference(Helper),
                Arguments(SyntaxFactory.CastExpression(
                    SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.IntKeyword)),
                    Member(SyntaxFactory.IdentifierName(failure), "StatusCode"))));
            generated.Add(SyntaxFactory.ForEachStatement(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.Identifier(failure),
                SyntaxFactory.IdentifierName(failures),
                SyntaxFactory.Block(
                    SyntaxFactory.IfStatement(
                        SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, noRecipient, SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, transient)),
                        SyntaxFactory.Block(SyntaxFactory.ThrowStatement())),
                    SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                        Member(Member(SyntaxFactory.IdentifierName(retry), "To"), "Add"),
                        Arguments(SyntaxFactory.IdentifierName(recipient)))))));

            var leading = statement.GetLeadingTrivia();
            for (var i = 0; i < generated.Count; i++)
            {
                yield return Annotate(generated[i]).WithLeadingTrivia(i == 0 ? leading : default);
            }

            // The send itself, now of the new message, keeps its comments.
            yield return statement.ReplaceNode(message, SyntaxFactory.IdentifierName(retry).WithTriviaFrom(message))
                .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }
    }

    private static TypeSyntax NetMail(string type) => SyntaxFactory.ParseTypeName("global::System.Net.Mail." + type);

    private static MemberAccessExpressionSyntax Member(ExpressionSyntax target, string name) =>
        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target.WithoutTrivia(), SyntaxFactory.IdentifierName(name));

    private static ArgumentListSyntax Arguments(ExpressionSyntax argument) =>
        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument)));

    private static LocalDeclarationStatementSyntax Local(string name, ExpressionSyntax value) =>
        SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
            SyntaxFactory.IdentifierName("var"),
            SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name), null, SyntaxFactory.EqualsValueClause(value)))));

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
    private static ExpressionSyntax? MessageOf(ExpressionStatementSyntax statement)
    {
        foreach (var node in statement.DescendantNodes())
        {
            if (node is InvocationExpressionSyntax invocation && Sends.IsSendName(Sends.InvokedName(invocation)) && invocation.ArgumentList.Arguments.Count > 0)
            {
                return invocation.ArgumentList.Arguments[0].Expression;
            }
        }

        return null;
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
