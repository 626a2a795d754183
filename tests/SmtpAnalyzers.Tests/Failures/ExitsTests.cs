using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.Tests.Failures;

/// <summary>
/// <see cref="Exits.SurelyComplete"/> answers without flow analysis: wherever it says a handler completes on every
/// path, Roslyn's flow analysis must agree, and the handlers that may never complete must not be taken for ones that do.
/// </summary>
public class ExitsTests
{
    private const string Handlers = """
        using System;
        using System.Collections.Generic;

        class C
        {
            bool flag;
            int count;
            List<string> items = new();

            int M(int k)
            {
                // Complete on every path: SurelyComplete must say so, and flow analysis must agree.
                try { } catch { Console.WriteLine("logged"); }
                try { } catch (Exception ex) { Console.WriteLine(ex); return 1; }
                try { } catch { if (flag) { return 2; } count++; }
                try { } catch { switch (k) { case 1: count++; break; default: return 3; } }
                try { } catch { using (var d = (IDisposable?)null) { count++; } }
                try { } catch { lock (items) { if (flag) return 4; } }
                try { } catch { Func<int> f = () => throw new InvalidOperationException(); count += f == null ? 0 : 1; }
                try { } catch { try { count++; } finally { count--; } }

                // May never complete (or SurelyComplete cannot tell): flow analysis decides.
                try { } catch { throw; }
                try { } catch { if (flag) throw new InvalidOperationException(); }
                try { } catch { var s = items[0] ?? throw new InvalidOperationException(); }
                try { } catch { while (true) { } }
                try { } catch { for (;;) { if (flag) break; } }
                try { } catch { again: count++; goto again; }
                try { } catch { foreach (var item in items) { Console.WriteLine(item); } }
                return 0;
            }
        }
        """;

    [Fact]
    public void SurelyComplete_AgreesWithFlowAnalysis_AndLeavesTheRestToIt()
    {
        var compilation = AllRules.Compile([CSharpSyntaxTree.ParseText(Handlers)]);
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var blocks = tree.GetRoot().DescendantNodes().OfType<CatchClauseSyntax>().Select(clause => clause.Block).ToList();

        var sure = blocks.Where(Exits.SurelyComplete).ToList();
        Assert.Equal(8, sure.Count);
        Assert.Equal(blocks.Take(8), sure);
        foreach (var block in sure)
        {
            var exits = Exits.Of(block, model, CancellationToken.None);
            Assert.True(exits.Analyzed, block.ToString());
            Assert.True(exits.ReachesEnd || exits.JumpsOut || exits.Continues, block.ToString());
        }

        // Among the rest, flow analysis finds handlers that never complete: a shortcut that took them would be wrong.
        var never = blocks.Skip(8)
            .Where(block => Exits.Of(block, model, CancellationToken.None) is { Analyzed: true, ReachesEnd: false, JumpsOut: false, Continues: false })
            .Select(block => block.ToString())
            .ToList();
        Assert.Equal(["{ throw; }", "{ while (true) { } }"], never);
    }
}
