using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// How a handler (a catch block, or a statement of one) can end, from Roslyn's flow analysis of the region: which
/// jumps leave it (<see cref="ControlFlowAnalysis.ExitPoints"/>: a <c>break</c> of a <c>switch</c> or a
/// <c>continue</c> of a loop inside the region targets the region itself and is not one), and whether its end is
/// reachable. A <c>continue</c> that leaves the region belongs to the loop Roslyn binds it to
/// (<see cref="IBranchOperation.Target"/>).
/// </summary>
internal readonly struct Exits
{
    private Exits(bool analyzed, bool reachesEnd, bool jumpsOut, bool continues, SyntaxNode? continuedLoop)
    {
        Analyzed = analyzed;
        ReachesEnd = reachesEnd;
        JumpsOut = jumpsOut;
        Continues = continues;
        ContinuedLoop = continuedLoop;
    }

    /// <summary>Whether flow analysis succeeded; when it did not, every other answer is false.</summary>
    public bool Analyzed { get; }

    /// <summary>Whether the end of the region is reachable: the handler can complete normally.</summary>
    public bool ReachesEnd { get; }

    /// <summary>Whether a <c>return</c>, <c>break</c>, <c>goto</c> or <c>yield break</c> leaves the region.</summary>
    public bool JumpsOut { get; }

    /// <summary>Whether a <c>continue</c> leaves the region: it goes round a loop outside it.</summary>
    public bool Continues { get; }

    /// <summary>The loop statement a <c>continue</c> leaving the region goes round (the first found), or null.</summary>
    public SyntaxNode? ContinuedLoop { get; }

    /// <summary>
    /// Whether <paramref name="region"/> completes on every path, by reaching its end or by a jump out of it, known
    /// without flow analysis: it holds no <c>throw</c>, no loop and no <c>goto</c> (nested functions aside). By C#'s
    /// reachability rules only those can make a path that never leaves a block: every other statement reaches its end
    /// or jumps, and a call returns as far as the language knows. Most catch blocks log and return; flow analysis is
    /// asked only when its other answers matter. <c>ExitsTests</c> holds it to flow analysis.
    /// </summary>
    public static bool SurelyComplete(StatementSyntax region)
    {
        foreach (var node in OwnCode.OwnNodes(region))
        {
            if (node is ThrowStatementSyntax or ThrowExpressionSyntax or GotoStatementSyntax or CommonForEachStatementSyntax
                or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How <paramref name="region"/> (a statement or a block) can end.</summary>
    public static Exits Of(StatementSyntax region, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.AnalyzeControlFlow(region) is not { Succeeded: true } flow)
        {
            return default;
        }

        bool jumpsOut = false, continues = false;
        SyntaxNode? continuedLoop = null;
        foreach (var exit in flow.ExitPoints)
        {
            if (exit is ContinueStatementSyntax continueStatement)
            {
                continues = true;
                continuedLoop ??= LoopContinuedBy(continueStatement, model, cancellationToken);
            }
            else
            {
                jumpsOut = true;
            }
        }

        return new Exits(analyzed: true, flow.EndPointIsReachable, jumpsOut, continues, continuedLoop);
    }

    /// <summary>The loop statement <paramref name="continueStatement"/> goes round: the loop whose continue label is its target.</summary>
    public static SyntaxNode? LoopContinuedBy(ContinueStatementSyntax continueStatement, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(continueStatement, cancellationToken) is not IBranchOperation { Target: { } target } branch)
        {
            return null;
        }

        for (var parent = branch.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ILoopOperation loop && SymbolEqualityComparer.Default.Equals(loop.ContinueLabel, target))
            {
                return loop.Syntax;
            }
        }

        return null;
    }
}
