using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers.Generators;

/// <summary>
/// Adds the package's helper types (<c>SmtpReplyCodes</c>, <c>SmtpEnhancedStatusCodes</c>, <c>SmtpFailures</c>)
/// to every C# project that references it, as internal types in the project's root namespace, so that the
/// fixes refer to them and add no file. A type the project already has (its own source type of that name, or
/// one a referenced project lets it see) is not generated. <c>SmtpAnalyzersGenerateHelpers=false</c> turns
/// generation off. The output depends only on the references and those two properties: an edit of the code
/// re-runs the cheap steps below, whose values compare equal, and nothing is written again.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class HelperTypesGenerator : IIncrementalGenerator
{
    public const string GenerateHelpersProperty = "build_property.SmtpAnalyzersGenerateHelpers";
    public const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <summary>Tracking names of the pipeline's steps, for the tests of its caching.</summary>
    public const string SettingsStep = "Settings";
    public const string SourceTypesStep = "SourceTypes";
    public const string PlanStep = "Plan";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Settings.From(options.GlobalOptions))
            .WithTrackingName(SettingsStep);

        // Top-level type declarations named like a helper, found from syntax alone.
        var sourceTypes = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => IsHelperNamedType(node), static (syntax, _) => ((BaseTypeDeclarationSyntax)syntax.Node).Identifier.ValueText)
            .Collect()
            .Select(static (names, _) => new Names(names))
            .WithTrackingName(SourceTypesStep);

        var plan = context.CompilationProvider
            .Combine(settings)
            .Combine(sourceTypes)
            .Select(static (input, cancellationToken) => Plan.For(input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(PlanStep);

        context.RegisterSourceOutput(plan, static (output, plan) =>
        {
            foreach (var (file, text) in plan.Files())
            {
                output.AddSource(file.HintName, SourceText.From(file.Generate(text), Encoding.UTF8));
            }
        });
    }

    private static bool IsHelperNamedType(SyntaxNode node) =>
        node is BaseTypeDeclarationSyntax type
        && node.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax
        && IsHelperName(type.Identifier.ValueText);

    private static bool IsHelperName(string name)
    {
        foreach (var file in HelperFile.All)
        {
            if (name == file.ClassName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The two properties the package's build props make visible to the compiler.</summary>
    private readonly struct Settings : IEquatable<Settings>
    {
        private Settings(bool enabled, string? namespaceName)
        {
            Enabled = enabled;
            Namespace = namespaceName;
        }

        public bool Enabled { get; }

        public string? Namespace { get; }

        public static Settings From(AnalyzerConfigOptions options)
        {
            var enabled = !options.TryGetValue(GenerateHelpersProperty, out var value)
                || !string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
            options.TryGetValue(RootNamespaceProperty, out var rootNamespace);
            return new Settings(enabled, HelperFile.NamespaceFrom(rootNamespace));
        }

        public bool Equals(Settings other) => Enabled == other.Enabled && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Settings other && Equals(other);

        public override int GetHashCode() => (Namespace is null ? 0 : StringComparer.Ordinal.GetHashCode(Namespace)) ^ (Enabled ? 1 : 0);
    }

    /// <summary>The names of the helper-named types the project's source declares, compared by content.</summary>
    private sealed class Names : IEquatable<Names>
    {
        private readonly ImmutableHashSet<string> _names;

        public Names(ImmutableArray<string> names) => _names = names.ToImmutableHashSet(StringComparer.Ordinal);

        public bool Contains(string name) => _names.Contains(name);

        public bool Equals(Names? other) => other is not null && _names.SetEquals(other._names);

        public override bool Equals(object? obj) => Equals(obj as Names);

        public override int GetHashCode() => _names.Count;
    }

    /// <summary>Which helpers to generate, and with what text: a value that compares by content.</summary>
    private sealed class Plan : IEquatable<Plan>
    {
        private readonly bool _replyCodes;
        private readonly bool _enhancedStatusCodes;
        private readonly bool _failures;
        private readonly HelperText _text;

        private Plan(bool replyCodes, bool enhancedStatusCodes, bool failures, HelperText text)
        {
            _replyCodes = replyCodes;
            _enhancedStatusCodes = enhancedStatusCodes;
            _failures = failures;
            _text = text;
        }

        public static Plan For(Compilation compilation, Settings settings, Names sourceTypes, CancellationToken cancellationToken)
        {
            if (!settings.Enabled || compilation is not CSharpCompilation)
            {
                return new Plan(false, false, false, default);
            }

            bool Missing(HelperFile file) =>
                !sourceTypes.Contains(file.ClassName) && file.FindReferenced(compilation, settings.Namespace) is null;

            cancellationToken.ThrowIfCancellationRequested();
            var mailKit = HasReferencedType(compilation, "MailKit.Net.Smtp.SmtpCommandException");
            var systemNetMail = HasReferencedType(compilation, "System.Net.Mail.SmtpException");
            var replyCodes = Missing(HelperFile.ReplyCodes);
            return new Plan(
                replyCodes,
                Missing(HelperFile.EnhancedStatusCodes),
                (mailKit || systemNetMail) && Missing(HelperFile.Failures),
                new HelperText(settings.Namespace, generated: true, mailKit, systemNetMail, replyCodesBeside: replyCodes));
        }

        public ImmutableArray<(HelperFile File, HelperText Text)> Files()
        {
            var files = ImmutableArray.CreateBuilder<(HelperFile, HelperText)>();
            if (_replyCodes)
            {
                files.Add((HelperFile.ReplyCodes, _text));
            }

            if (_enhancedStatusCodes)
            {
                files.Add((HelperFile.EnhancedStatusCodes, _text));
            }

            if (_failures)
            {
                files.Add((HelperFile.Failures, _text));
            }

            return files.ToImmutable();
        }

        public bool Equals(Plan? other) =>
            other is not null
            && _replyCodes == other._replyCodes
            && _enhancedStatusCodes == other._enhancedStatusCodes
            && _failures == other._failures
            && _text.Equals(other._text);

        public override bool Equals(object? obj) => Equals(obj as Plan);

        public override int GetHashCode() => _text.GetHashCode() ^ (_replyCodes ? 1 : 0) ^ (_enhancedStatusCodes ? 2 : 0) ^ (_failures ? 4 : 0);

        private static bool HasReferencedType(Compilation compilation, string metadataName) =>
            compilation.SourceModule.ReferencedAssemblySymbols.Any(assembly =>
                assembly.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public });
    }
}
