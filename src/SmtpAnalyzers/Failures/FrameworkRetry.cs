using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers.Failures;

/// <summary>
/// Methods whose failures a framework retries (SMTP101's handling out of the compilation's sight): a Hangfire job
/// method with <c>[AutomaticRetry]</c> of more than zero attempts (ten when the attribute does not say), and a method
/// that is, overrides or implements a <em>retrying entry point</em>: a framework method that the framework calls again
/// when it throws. Built in: Serilog's <c>IBatchedLogEventSink.EmitBatchAsync</c> (Serilog 4 and
/// Serilog.Sinks.PeriodicBatching), whose failed batch the batching sink emits again with growing waits. More are
/// named in <c>smtp_analyzers.retrying_entry_points</c>: a comma-separated list of methods, each the full name of
/// its type (namespace and containing types, no generic arguments) and the method's name, such as
/// <c>Squidex.Flows.FlowStep.ExecuteAsync</c>.
/// </summary>
internal static class FrameworkRetry
{
    /// <summary>The .editorconfig key that names more retrying entry points.</summary>
    public const string EntryPointsOption = "smtp_analyzers.retrying_entry_points";

    private static readonly string[] BuiltInEntryPoints =
    [
        "Serilog.Core.IBatchedLogEventSink.EmitBatchAsync",
        "Serilog.Sinks.PeriodicBatching.IBatchedLogEventSink.EmitBatchAsync",
    ];

    private static readonly SymbolDisplayFormat FullName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    /// <summary>The retrying entry points named in the option for <paramref name="tree"/>, the file that declares the method asked about.</summary>
    public static ImmutableArray<string> ConfiguredEntryPoints(AnalyzerOptions options, SyntaxTree tree)
    {
        if (!options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(EntryPointsOption, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return ImmutableArray<string>.Empty;
        }

        var entryPoints = ImmutableArray.CreateBuilder<string>();
        foreach (var entry in value.Split(','))
        {
            if (entry.Trim() is { Length: > 0 } name)
            {
                entryPoints.Add(name);
            }
        }

        return entryPoints.ToImmutable();
    }

    /// <summary>
    /// Whether a framework retries the failures that leave <paramref name="method"/>: its Hangfire retry attribute, or a
    /// retrying entry point (built in or in <paramref name="options"/>) it is, overrides or implements.
    /// </summary>
    public static bool Retries(IMethodSymbol method, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (DeclaresHangfireRetry(method))
        {
            return true;
        }

        var configured = method.DeclaringSyntaxReferences.Length > 0
            ? ConfiguredEntryPoints(options, method.DeclaringSyntaxReferences[0].SyntaxTree)
            : ImmutableArray<string>.Empty;

        // Only a method named like an entry point can be, override or implement one.
        var suffix = "." + method.Name;
        if (!Array.Exists(BuiltInEntryPoints, entry => entry.EndsWith(suffix, StringComparison.Ordinal))
            && !configured.Any(entry => entry.EndsWith(suffix, StringComparison.Ordinal)))
        {
            return false;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (IsEntryPoint(current, configured))
            {
                return true;
            }
        }

        foreach (var interfaceMethod in SmtpSymbols.ImplementedInterfaceMethods(method))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsEntryPoint(interfaceMethod, configured))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEntryPoint(IMethodSymbol method, ImmutableArray<string> configured)
    {
        var name = method.ContainingType.OriginalDefinition.ToDisplayString(FullName) + "." + method.Name;
        return Array.IndexOf(BuiltInEntryPoints, name) >= 0 || configured.Contains(name);
    }

    private static bool DeclaresHangfireRetry(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != "Hangfire.AutomaticRetryAttribute")
            {
                continue;
            }

            var attempts = 1;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Attempts" && argument.Value.Value is int value)
                {
                    attempts = value;
                }
            }

            return attempts > 0;
        }

        return false;
    }
}
