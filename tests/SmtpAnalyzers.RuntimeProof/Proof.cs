using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace SmtpAnalyzers.RuntimeProof;

/// <summary>Which Polly assemblies the proven project references.</summary>
public enum Resilience
{
    None,

    /// <summary>The <c>Polly</c> package's v7 API (<c>Policy</c>) only.</summary>
    V7,

    /// <summary>Polly.Core (<c>ResiliencePipeline</c>) and the v7 API, as the Polly 8 package brings them.</summary>
    V8,
}

/// <summary>
/// A representative input of a family-2 fix: a <c>ProofApp.Scenario.Run(host, port)</c> that sends mail through the
/// code the rule <paramref name="RuleId"/> reports, and whether a fix must be offered for it.
/// </summary>
public sealed record Scenario(string Name, string RuleId, Resilience Polly, string Source, bool ExpectFix = true, int? FixedCopiesWithoutFault = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// The safety contract of the family-2 fixes (SPEC.md), checked by running the original and the fixed form of a
/// scenario against <see cref="ScriptedSmtpServer"/> under every scripted fault.
/// </summary>
public static class Proof
{
    /// <summary>Inline retries wait this long at first in the proof (the <c>.editorconfig</c> option), so that runs stay short.</summary>
    public const string EditorConfig = "smtp_analyzers.retry_base_delay = 0.01\nsmtp_analyzers.retry_attempts = 3\n";

    /// <summary>How long a fixed run may take: the shortened waits of three attempts are far below it.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    public const string First = "a@example.test";
    public const string Second = "b@example.test";

    public static readonly Fault[] Faults =
    [
        new("421 greeting, once", Stage.Greeting, 421, Times: 1),
        new("421 greeting, always", Stage.Greeting, 421),
        new("421 at MAIL, once", Stage.Mail, 421, Times: 1),
        new("451 at RCPT, once", Stage.Rcpt, 451, Times: 1),
        new("451 at RCPT, always", Stage.Rcpt, 451),
        new("450 at the second RCPT, once", Stage.Rcpt, 450, Times: 1, Recipient: Second),
        new("451 at RCPT of a second message, once", Stage.Rcpt, 451, Times: 1, Skip: 2),
        new("452 at DATA, once", Stage.Data, 452, Times: 1),
        // MailKit tries each advertised mechanism (PLAIN, then LOGIN) before it gives up: two refusals fail one session.
        new("454 at AUTH, first session", Stage.Auth, 454, Times: 2),
        new("550 at RCPT, always", Stage.Rcpt, 550),
        new("550 at the second RCPT (partial refusal), always", Stage.Rcpt, 550, Recipient: Second),
        new("connection dropped after DATA, once", Stage.EndOfData, 0, Times: 1, Drop: true),
    ];

    private static readonly ConcurrentDictionary<string, Task<Prepared>> Cache = new();

    /// <summary>The original and fixed form of a scenario, compiled.</summary>
    public sealed record Prepared(string FixedText, int Fixes, Sandbox Original, Sandbox Fixed, IReadOnlyList<string> StaticProblems);

    public static Task<Prepared> PrepareAsync(Scenario scenario) => Cache.GetOrAdd(scenario.Name, _ => PrepareCoreAsync(scenario));

    private static async Task<Prepared> PrepareCoreAsync(Scenario scenario)
    {
        var project = FixedForm.CreateProject(scenario.Source, EditorConfig, scenario.Polly);
        var problems = new List<string>();
        var before = await FixedForm.CompilerDiagnosticsAsync(project);
        if (!(await FixedForm.DiagnosticsAsync(project)).Any(diagnostic => diagnostic.Id == scenario.RuleId))
        {
            problems.Add("the original has no " + scenario.RuleId + " diagnostic");
        }

        var (fixedProject, fixes) = await FixedForm.ApplyAsync(project, scenario.RuleId);
        var text = await FixedForm.TextAsync(fixedProject);
        var after = await FixedForm.CompilerDiagnosticsAsync(fixedProject);
        foreach (var added in after.Where(diagnostic => !before.Any(old => old.Id == diagnostic.Id)))
        {
            problems.Add("the fix adds " + added);
        }

        // The fixed code may keep the findings the original had elsewhere, but it must not add any.
        var originalFindings = (await FixedForm.DiagnosticsAsync(project)).ToLookup(diagnostic => diagnostic.Id);
        foreach (var found in (await FixedForm.DiagnosticsAsync(fixedProject)).GroupBy(diagnostic => diagnostic.Id))
        {
            if (found.Count() > originalFindings[found.Key].Count())
            {
                problems.Add("the fixed code has " + string.Join("; ", found));
            }
        }

        return new Prepared(text, fixes, await Sandbox.CompileAsync(project), await Sandbox.CompileAsync(fixedProject), problems);
    }

    /// <summary>
    /// Runs <paramref name="sandbox"/> once against a fresh server scripted with <paramref name="fault"/>, and gives up
    /// waiting after <paramref name="patience"/> (an original retry loop without a bound may never return; it stops
    /// once the server is gone).
    /// </summary>
    public static async Task<(Outcome Outcome, IReadOnlyDictionary<string, int> Deliveries)> RunAsync(Sandbox sandbox, Fault? fault, TimeSpan patience)
    {
        using var server = new ScriptedSmtpServer(fault);
        var run = sandbox.RunAsync(server.Host, server.Port);
        var outcome = await Task.WhenAny(run, Task.Delay(patience)) == run
            ? await run
            : new Outcome(true, "(still running after " + patience.TotalSeconds + " s)", patience, TimedOut: true);
        return (outcome, server.Deliveries);
    }

    /// <summary>How long a fixed run is awaited: past the time bound, so that a slow run is judged rather than cut.</summary>
    public static TimeSpan FixedPatience => TimeBound + TimeSpan.FromSeconds(5);

    /// <summary>How long an original run is awaited: long enough for every original that returns at all.</summary>
    public static TimeSpan OriginalPatience => TimeSpan.FromSeconds(5);

    /// <summary>
    /// The contract's verdicts for one fault, empty when the fixed code keeps it: no recipient gets more copies than
    /// the original delivers with no fault; no reported success for mail not delivered to everyone where the original
    /// surfaced the failure; the same exception types as the original unless the fix's retry succeeded (or the original
    /// never returns); bounded time.
    /// </summary>
    public static List<string> Judge(
        IReadOnlyDictionary<string, int> baseline,
        (Outcome Outcome, IReadOnlyDictionary<string, int> Deliveries) original,
        (Outcome Outcome, IReadOnlyDictionary<string, int> Deliveries) fixedRun)
    {
        var verdicts = new List<string>();
        foreach (var (recipient, copies) in fixedRun.Deliveries)
        {
            var allowed = baseline.TryGetValue(recipient, out var count) ? count : 0;
            if (copies > allowed)
            {
                verdicts.Add(recipient + " got " + copies + " copies, the original delivers " + allowed + " with no fault");
            }
        }

        var (o, f) = (original.Outcome, fixedRun.Outcome);
        var everyoneServed = baseline.All(pair => fixedRun.Deliveries.TryGetValue(pair.Key, out var copies) && copies >= pair.Value);
        if (f.ReportsSuccess && !o.ReportsSuccess && !everyoneServed)
        {
            verdicts.Add("reports success (" + f + ") though not every recipient got the mail; the original " + o);
        }

        // An original that never returns (a retry loop without a bound) leaves the caller nothing to compare with.
        if (f.Threw && !o.TimedOut && (!o.Threw || o.Result != f.Result))
        {
            verdicts.Add("the caller sees " + f + " where the original " + o);
        }

        if (!f.Threw && !o.Threw && f.Result != o.Result && !(f.ReportsSuccess && everyoneServed))
        {
            verdicts.Add("returns " + f.Result + " where the original returns " + o.Result);
        }

        if (f.Elapsed > TimeBound)
        {
            verdicts.Add("took " + f.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s");
        }

        return verdicts;
    }
}
