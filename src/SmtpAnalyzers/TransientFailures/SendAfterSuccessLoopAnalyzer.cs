using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP107: a retry loop (<see cref="RetryLoops.RetryingCatches"/>) that goes round again after its send succeeded:
/// nothing on the path from the completed send leaves the loop, so every turn mails the recipients again. A call of a
/// send wrapper of the compilation (<see cref="SendWrappers"/>) is a send here (<see cref="RetryLoops.RetriedSends"/>).
/// </summary>
/// <remarks>
/// The path is followed from the send's statement outwards with Roslyn's flow analysis of the statements after it
/// in each enclosing block, up to the loop's body: a <c>break</c>, <c>return</c> or <c>throw</c> that every path takes
/// ends it; a <c>continue</c> of the loop, or the end of the body, goes round. Going round is still an exit when the
/// loop's condition reads a variable that the path assigns (<c>sent = true;</c> with <c>while (!sent &amp;&amp; …)</c>).
/// A path through a construct the walk does not follow (a nested loop, a <c>switch</c> section) is not judged.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SendAfterSuccessLoopAnalyzer : MailSendAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SendAfterSuccessLoop);

    private protected override void Register(AnalysisContext context) => RegisterRetryLoopAction(context, AnalyzeLoop);

    private static void AnalyzeLoop(StatementSyntax loop, TransientFile file, SmtpSymbols symbols)
    {
        var (keyword, condition, body) = RetryLoops.RetryLoopParts(loop);
        var model = file.SemanticModel;
        TryStatementSyntax? judged = null;
        foreach (var (tryStatement, _) in RetryLoops.RetryingCatches(loop, body!, model, symbols, file.CancellationToken))
        {
            if (tryStatement == judged)
            {
                continue;
            }

            judged = tryStatement;
            foreach (var (send, _) in RetryLoops.RetriedSends(loop, tryStatement, model, symbols, file.CancellationToken))
            {
                if (GoesRoundAfterSuccess(send, loop, body!, condition, model, file.CancellationToken))
                {
                    // The send goes along as an additional location: the fix puts the exit after its statement.
                    file.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SendAfterSuccessLoop, keyword.GetLocation(), [send.GetLocation()], Sends.CalledText(send)));
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Whether control can reach the back-edge of <paramref name="loop"/> once <paramref name="send"/> has completed
    /// normally, and the loop's condition reads nothing the path assigns.
    /// </summary>
    internal static bool GoesRoundAfterSuccess(
        InvocationExpressionSyntax send, StatementSyntax loop, StatementSyntax body, ExpressionSyntax? condition,
        SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        if (send.FirstAncestorOrSelf<StatementSyntax>() is not { } statement)
        {
            return false;
        }

        var assigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var node = statement;
        var first = true;
        while (node != body)
        {
            switch (node.Parent)
            {
                case BlockSyntax block:
                    var index = block.Statements.IndexOf(node) + (first ? 0 : 1);
                    if (index < block.Statements.Count
                        && FollowRegion(block.Statements[index], block.Statements[block.Statements.Count - 1], loop, assigned, model, cancellationToken) is { } goesRound)
                    {
                        return goesRound && !ConditionReads(condition, assigned, model);
                    }

                    node = block;
                    break;
                case var parent when parent == loop:
                    if (first && FollowRegion(node, node, loop, assigned, model, cancellationToken) is { } round)
                    {
                        return round && !ConditionReads(condition, assigned, model);
                    }

                    node = body;
                    continue;
                case IfStatementSyntax or ElseClauseSyntax or LabeledStatementSyntax or UsingStatementSyntax or LockStatementSyntax
                    or CheckedStatementSyntax or FixedStatementSyntax or UnsafeStatementSyntax:
                    if (first && FollowRegion(node, node, loop, assigned, model, cancellationToken) is { } leaves)
                    {
                        return leaves && !ConditionReads(condition, assigned, model);
                    }

                    node = node.Parent is ElseClauseSyntax { Parent: IfStatementSyntax owner } ? owner : (StatementSyntax)node.Parent;
                    break;
                case TryStatementSyntax tryStatement when tryStatement.Block == node:
                    node = tryStatement;
                    break;
                default:
                    return false;
            }

            first = false;
        }

        return !ConditionReads(condition, assigned, model);
    }

    /// <summary>
    /// Follows the statements from <paramref name="first"/> to <paramref name="last"/> of one block: true when a
    /// <c>continue</c> of <paramref name="loop"/> leaves them, false when their end cannot be reached (or flow analysis
    /// fails), null when control falls out of them. Records the variables they assign.
    /// </summary>
    private static bool? FollowRegion(
        StatementSyntax first, StatementSyntax last, StatementSyntax loop, HashSet<ISymbol> assigned, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        var flow = model.AnalyzeControlFlow(first, last);
        if (flow is not { Succeeded: true })
        {
            return false;
        }

        var data = model.AnalyzeDataFlow(first, last);
        if (data is { Succeeded: true })
        {
            foreach (var symbol in data.WrittenInside)
            {
                assigned.Add(symbol);
            }
        }

        foreach (var exit in flow.ExitPoints)
        {
            if (exit is ContinueStatementSyntax continueStatement && Exits.LoopContinuedBy(continueStatement, model, cancellationToken) == loop)
            {
                return true;
            }
        }

        return flow.EndPointIsReachable ? null : false;
    }

    /// <summary>Whether the loop's condition reads a variable in <paramref name="assigned"/>: the path exits through a flag.</summary>
    private static bool ConditionReads(ExpressionSyntax? condition, HashSet<ISymbol> assigned, SemanticModel model)
    {
        if (condition is null || assigned.Count == 0)
        {
            return false;
        }

        if (condition.IsMissing)
        {
            return true;
        }

        var data = model.AnalyzeDataFlow(condition);
        if (data is not { Succeeded: true })
        {
            return true;
        }

        foreach (var symbol in data.ReadInside)
        {
            if (assigned.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }
}
