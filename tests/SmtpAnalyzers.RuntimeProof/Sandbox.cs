using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace SmtpAnalyzers.RuntimeProof;

/// <summary>What a run of <c>Scenario.Run(host, port)</c> reported to its caller, and how long it took.</summary>
public sealed record Outcome(bool Threw, string Result, TimeSpan Elapsed, bool TimedOut = false)
{
    /// <summary>Returned normally, and not <c>false</c>: the caller believes the mail went out.</summary>
    public bool ReportsSuccess => !Threw && Result != "False";

    public override string ToString() => (Threw ? "threw " : "returned ") + Result;
}

/// <summary>
/// Compiles a project in memory, loads it into a collectible load context (MailKit, MimeKit and Polly come from the
/// test's own context) and runs its <c>Scenario.Run(string host, int port)</c>, which may return a value, a task or a
/// task of a value.
/// </summary>
public sealed class Sandbox
{
    private readonly byte[] _image;

    private Sandbox(byte[] image) => _image = image;

    public static async Task<Sandbox> CompileAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The code does not compile:\n"
                + string.Join("\n", result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
                + "\n" + await FixedForm.TextAsync(project));
        }

        return new Sandbox(stream.ToArray());
    }

    public async Task<Outcome> RunAsync(string host, int port)
    {
        var context = new AssemblyLoadContext("proof", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(_image));
            var run = assembly.GetType("ProofApp.Scenario", throwOnError: true)!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            var watch = Stopwatch.StartNew();
            try
            {
                // On a thread of its own, so that a synchronous run that hangs or sleeps cannot hold the caller's time bound.
                var value = await Task.Run(() => run.Invoke(null, [host, port]));
                if (value is Task task)
                {
                    await task;
                    value = task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
                }

                return new Outcome(false, value?.ToString() ?? "(void)", watch.Elapsed);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                return new Outcome(true, ex.InnerException.GetType().FullName!, watch.Elapsed);
            }
            catch (Exception ex)
            {
                return new Outcome(true, ex.GetType().FullName!, watch.Elapsed);
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
