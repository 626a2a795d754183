using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP106: a System.Net.Mail send of the same <c>MailMessage</c> again after <c>SmtpFailedRecipient(s)Exception</c>,
/// which System.Net.Mail throws once the message went to the recipients the server accepted. Found in two
/// shapes: a send in the catch clause for those exceptions, and a retry loop whose clause for them goes round
/// to the send in the <c>try</c>. Handlers that touch the message's recipients first are left alone.
/// </summary>
/// <remarks>
/// MailKit is out of scope: by default it throws <c>SmtpCommandException</c> (<c>RecipientNotAccepted</c>) at
/// the first refused <c>RCPT TO</c>, resets the transaction and sends no data, so sending the whole message
/// again delivers it once.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WholeMessageResentAnalyzer : MailSendAnalyzer
{
    /// <summary>The recipient collections of a <c>MailMessage</c>.</summary>
    private static readonly string[] RecipientLists = ["To", "CC", "Bcc"];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.WholeMessageResent);

    // From the try statement, which holds both the repeated send of the handler and the send of the try that a
    // retry loop repeats: a diagnostic stays inside the node analyzed, as the IDE expects.
    private protected override void Register(AnalysisContext context) =>
        RegisterFileAction(context, static (file, symbols) =>
        {
            if (symbols.SystemNetMailFailedRecipientException is null || symbols.SystemNetMailMessage is null)
            {
                return;
            }

            foreach (var tryStatement in Sends.TriesAroundCalls(file.SemanticModel.SyntaxTree, orAuthentication: false))
            {
                AnalyzeTry(tryStatement, file, symbols);
            }
        });

    /// <summary>
    /// The sends <paramref name="catchClause"/> repeats: those in its block that send a message the <c>try</c>
    /// sent, and (<paramref name="includeLoop"/>) the <c>try</c>'s own sends when the clause goes round a retry
    /// loop. Empty when the clause is not for <c>SmtpFailedRecipient(s)Exception</c> or changes the recipients.
    /// </summary>
    internal static List<InvocationExpressionSyntax> RepeatedSends(
        CatchClauseSyntax catchClause, bool includeLoop, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        var repeated = new List<InvocationExpressionSyntax>();
        if (catchClause.Parent is not TryStatementSyntax tryStatement
            || catchClause.Declaration is not { } declaration
            || !NamesFailedRecipients(declaration.Type)
            || !Sends.MayContainSend(tryStatement.Block)
            || !symbols.IsFailedRecipientException(CatchClauses.CaughtType(declaration, model, cancellationToken)))
        {
            return repeated;
        }

        var sent = new List<(InvocationExpressionSyntax Send, ISymbol Message)>();
        foreach (var (send, library) in Sends.SendsIn(tryStatement.Block, model, symbols, cancellationToken))
        {
            if (library == StatusLibrary.SystemNetMail && MessageOf(send, model, symbols, cancellationToken) is { } message)
            {
                sent.Add((send, message));
            }
        }

        if (sent.Count == 0)
        {
            return repeated;
        }

        foreach (var (send, library) in Sends.SendsIn(catchClause.Block, model, symbols, cancellationToken))
        {
            if (library == StatusLibrary.SystemNetMail
                && MessageOf(send, model, symbols, cancellationToken) is { } message
                && WasSent(sent, message)
                && !ChangesRecipients(catchClause.Block, message, before: send.SpanStart))
            {
                repeated.Add(send);
            }
        }

        if (includeLoop
            && repeated.Count == 0
            && RetryLoops.EnclosingLoop(tryStatement) is { } loop
            && RetryLoops.GoesRoundAgain(catchClause, model))
        {
            foreach (var (send, message) in sent)
            {
                if (RetryLoops.EnclosingLoop(send) == loop
                    && !RetryLoops.UsesSomethingDeclaredIn(loop, send, model, cancellationToken)
                    && !ChangesRecipients(loop, message, before: loop.Span.End))
                {
                    repeated.Add(send);
                }
            }
        }

        return repeated;
    }

    private static void AnalyzeTry(TryStatementSyntax tryStatement, TransientFile context, SmtpSymbols symbols)
    {
        foreach (var catchClause in tryStatement.Catches)
        {
            foreach (var send in RepeatedSends(catchClause, includeLoop: true, context.SemanticModel, symbols, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.WholeMessageResent,
                    send.GetLocation(),
                    Sends.CalledText(send),
                    send.ArgumentList.Arguments[0].Expression.ToString(),
                    catchClause.Declaration!.Type.ToString()));
            }
        }
    }

    /// <summary>Cheap syntactic test: the caught type is spelled <c>…FailedRecipientException</c> or <c>…FailedRecipientsException</c>.</summary>
    private static bool NamesFailedRecipients(TypeSyntax type)
    {
        var name = type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        return name is not null && (name.EndsWith("FailedRecipientException", System.StringComparison.Ordinal)
            || name.EndsWith("FailedRecipientsException", System.StringComparison.Ordinal));
    }

    /// <summary>
    /// The local, parameter, field or property of this object a send takes its <c>MailMessage</c> from, or null
    /// (<c>job.Message</c> may be another job's message next time).
    /// </summary>
    private static ISymbol? MessageOf(InvocationExpressionSyntax send, SemanticModel model, SmtpSymbols symbols, CancellationToken cancellationToken)
    {
        if (send.ArgumentList.Arguments.Count == 0
            || send.ArgumentList.Arguments[0].Expression is not { } argument
            || argument is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
            || !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(argument, cancellationToken).Type, symbols.SystemNetMailMessage))
        {
            return null;
        }

        return model.GetSymbolInfo(argument, cancellationToken).Symbol is { Kind: SymbolKind.Local or SymbolKind.Parameter or SymbolKind.Field or SymbolKind.Property } message
            ? message
            : null;
    }

    private static bool WasSent(List<(InvocationExpressionSyntax Send, ISymbol Message)> sent, ISymbol message)
    {
        foreach (var (_, sentMessage) in sent)
        {
            if (SymbolEqualityComparer.Default.Equals(sentMessage, message))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="scope"/>, before <paramref name="before"/>, mentions the message's <c>To</c>, <c>CC</c> or
    /// <c>Bcc</c> or assigns the variable (a new message): by name, which errs on the side of silence.
    /// </summary>
    private static bool ChangesRecipients(SyntaxNode scope, ISymbol message, int before)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node.SpanStart >= before)
            {
                break;
            }

            switch (node)
            {
                case MemberAccessExpressionSyntax access
                    when System.Array.IndexOf(RecipientLists, access.Name.Identifier.ValueText) >= 0 && NameOf(access.Expression) == message.Name:
                case AssignmentExpressionSyntax assignment when NameOf(assignment.Left) == message.Name:
                    return true;
            }
        }

        return false;
    }

    private static string? NameOf(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
