using Xunit.Abstractions;

namespace SmtpAnalyzers.RuntimeProof;

/// <summary>
/// Every family-2 fix, run: the fixed form of each scenario (made by the package's own code fix) and the original run
/// against the scripted server under every fault, and the fixed one must keep the safety contract.
/// </summary>
public class RuntimeProofTests(ITestOutputHelper output)
{
    public static TheoryData<string> ScenarioNames()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in Scenarios.All)
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task FixedCodeKeepsTheContractUnderEveryFault(string name)
    {
        var scenario = Scenarios.All.Single(candidate => candidate.Name == name);
        var prepared = await Proof.PrepareAsync(scenario);
        output.WriteLine(prepared.Fixes + " fix(es) applied; fixed form:\n" + prepared.FixedText);
        var failures = prepared.StaticProblems.ToList();
        if (scenario.ExpectFix != (prepared.Fixes > 0))
        {
            failures.Add(scenario.ExpectFix ? "no fix was offered" : "a fix was offered where none is safe");
        }

        var baseline = await Proof.RunAsync(prepared.Original, fault: null, Proof.OriginalPatience);
        Assert.False(baseline.Outcome.Threw, "The original fails with no fault: " + baseline.Outcome);
        Assert.Equal(2, baseline.Deliveries.Count);
        var fixedBaseline = await Proof.RunAsync(prepared.Fixed, fault: null, Proof.FixedPatience);
        failures.AddRange(Proof.Judge(baseline.Deliveries, baseline, fixedBaseline).Select(verdict => "no fault: " + verdict));
        if (scenario.FixedCopiesWithoutFault is { } copies && fixedBaseline.Deliveries.Any(pair => pair.Value != copies))
        {
            // A fix whose point is to send fewer copies (SMTP107) must get to exactly that with no fault.
            failures.Add("no fault: the fixed form delivers " + string.Join(", ", fixedBaseline.Deliveries) + ", not " + copies + " copy each");
        }

        foreach (var fault in Proof.Faults)
        {
            var original = await Proof.RunAsync(prepared.Original, fault, Proof.OriginalPatience);
            var fixedRun = await Proof.RunAsync(prepared.Fixed, fault, Proof.FixedPatience);
            var verdicts = Proof.Judge(baseline.Deliveries, original, fixedRun);
            output.WriteLine($"{fault,-52} original {original.Outcome,-55} fixed {fixedRun.Outcome,-55} {(verdicts.Count == 0 ? "ok" : "BROKEN")}");
            failures.AddRange(verdicts.Select(verdict => fault + ": " + verdict));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\nFixed form:\n" + prepared.FixedText);
    }
}
