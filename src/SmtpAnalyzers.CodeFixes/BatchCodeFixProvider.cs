using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using SmtpAnalyzers.Generators;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// The shape every SmtpAnalyzers fix shares: a fix plans, once per diagnostic, its title and the node
/// replacements it makes; this class applies them for one diagnostic or for Fix All (document, project,
/// solution), adds a helper file (<c>SmtpReplyCodes.cs</c>, <c>SmtpEnhancedStatusCodes.cs</c>, <c>SmtpFailures.cs</c>)
/// at most once per project when the fix used a helper the compilation lacks (generation turned off), then adds
/// using directives and shortens the qualified names the fix wrote.
/// </summary>
public abstract class BatchCodeFixProvider : CodeFixProvider
{
    /// <summary>The fix for <paramref name="diagnostic"/>, or null when none can be offered.</summary>
    private protected abstract PlannedFix? Plan(FixInput input, Diagnostic diagnostic);

    /// <summary>The title of Fix All.</summary>
    private protected abstract string FixAllTitle { get; }

    /// <summary>The equivalence key shared by this provider's fixes.</summary>
    private protected abstract string EquivalenceKey { get; }

    public sealed override FixAllProvider GetFixAllProvider() => new BatchFixAll(this);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var input = await FixInput.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(input, diagnostic)?.Title is not { } title)
            {
                continue;
            }

            var diagnostics = new Dictionary<DocumentId, ImmutableArray<Diagnostic>> { [context.Document.Id] = ImmutableArray.Create(diagnostic) };
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => FixAsync(context.Document.Project.Solution, diagnostics, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private async Task<Solution> FixAsync(
        Solution solution,
        IReadOnlyDictionary<DocumentId, ImmutableArray<Diagnostic>> diagnostics,
        CancellationToken cancellationToken)
    {
        foreach (var project in diagnostics.Keys.GroupBy(id => id.ProjectId))
        {
            FixInput? previous = null;
            foreach (var documentId in project)
            {
                var input = await FixInput.CreateAsync(solution.GetDocument(documentId)!, cancellationToken, previous).ConfigureAwait(false);
                if (input is null)
                {
                    continue;
                }

                previous = input;
                var edits = new DocumentEdits();
                foreach (var diagnostic in diagnostics[documentId])
                {
                    Plan(input, diagnostic)?.Apply(edits);
                }

                if (!edits.IsEmpty)
                {
                    solution = solution.WithDocumentSyntaxRoot(documentId, edits.ApplyTo(input.Root));
                }
            }

            if (previous is not null)
            {
                solution = previous.ReplyCodes.AddFileIfUsed(solution.GetProject(project.Key)!);
                solution = previous.EnhancedStatusCodes.AddFileIfUsed(solution.GetProject(project.Key)!);
                solution = previous.Failures.AddFileIfUsed(solution.GetProject(project.Key)!);
            }

            // With the constants classes in the compilation, add the using directives it needs and shorten every
            // qualified name the fix wrote, as the file's usings and aliases allow.
            foreach (var documentId in project)
            {
                var document = await ImportAdder.AddImportsAsync(
                    solution.GetDocument(documentId)!,
                    Simplifier.AddImportsAnnotation,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                solution = document.Project.Solution;
            }
        }

        return solution;
    }

    /// <summary>Fix All: every diagnostic in scope, fixed project by project in one pass.</summary>
    private sealed class BatchFixAll : FixAllProvider
    {
        private readonly BatchCodeFixProvider _provider;

        public BatchFixAll(BatchCodeFixProvider provider) => _provider = provider;

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Project => fixAllContext.Project.Documents,
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(project => project.Documents),
                _ => fixAllContext.Document is null ? Enumerable.Empty<Document>() : new[] { fixAllContext.Document },
            };

            var diagnostics = new Dictionary<DocumentId, ImmutableArray<Diagnostic>>();
            foreach (var document in documents)
            {
                var found = await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                if (!found.IsEmpty)
                {
                    diagnostics[document.Id] = found;
                }
            }

            return diagnostics.Count == 0
                ? null
                : CodeAction.Create(
                    _provider.FixAllTitle,
                    cancellationToken => _provider.FixAsync(fixAllContext.Solution, diagnostics, cancellationToken),
                    _provider.EquivalenceKey);
        }
    }
}

/// <summary>A fix for one diagnostic: its title, and how it adds its edits to a document's.</summary>
internal sealed class PlannedFix
{
    private readonly Action<DocumentEdits> _apply;

    public PlannedFix(string title, Action<DocumentEdits> apply)
    {
        Title = title;
        _apply = apply;
    }

    /// <summary>A fix that only replaces nodes.</summary>
    public PlannedFix(string title, Action<Dictionary<SyntaxNode, SyntaxNode>> apply)
        : this(title, edits => apply(edits.Replacements))
    {
    }

    public string Title { get; }

    public void Apply(DocumentEdits edits) => _apply(edits);
}

/// <summary>
/// The edits the fixes of one document make together: node replacements, and members added to a type
/// (a shared retry pipeline), each added once however many fixes ask for it.
/// </summary>
internal sealed class DocumentEdits
{
    private readonly Dictionary<TypeDeclarationSyntax, List<MemberDeclarationSyntax>> _addedMembers = new();

    /// <summary>Replacements of nodes of the original tree; they must not nest.</summary>
    public Dictionary<SyntaxNode, SyntaxNode> Replacements { get; } = new();

    public bool IsEmpty => Replacements.Count == 0 && _addedMembers.Count == 0;

    /// <summary>
    /// Whether a replacement already covers <paramref name="node"/>, one of its ancestors or descendants: in Fix All,
    /// a fix that would rewrite the same code a second time leaves it to the next pass.
    /// </summary>
    public bool Touches(SyntaxNode node) => Replacements.Keys.Any(replaced => replaced.FullSpan.OverlapsWith(node.FullSpan));

    /// <summary>
    /// Adds the member <paramref name="create"/> writes for a name to <paramref name="type"/>, and returns its name:
    /// <paramref name="name"/>, or a numbered variant when the type already has that name. A member another fix of
    /// this pass already added with the same text is shared instead.
    /// </summary>
    public string AddMember(TypeDeclarationSyntax type, INamedTypeSymbol symbol, string name, Func<string, MemberDeclarationSyntax> create)
    {
        if (!_addedMembers.TryGetValue(type, out var added))
        {
            added = new List<MemberDeclarationSyntax>();
            _addedMembers[type] = added;
        }

        foreach (var member in added)
        {
            var addedName = MemberName(member);
            if (create(addedName).IsEquivalentTo(member))
            {
                return addedName;
            }
        }

        var unique = name;
        for (var number = 2; IsTaken(unique); number++)
        {
            unique = name + number;
        }

        added.Add(create(unique));
        return unique;

        bool IsTaken(string candidate) =>
            added.Any(member => MemberName(member) == candidate)
            || symbol.MemberNames.Contains(candidate)
            || symbol.Name == candidate
            || (symbol.BaseType is { } baseType && baseType.GetMembers(candidate).Any());
    }

    /// <summary>The document's new root.</summary>
    public SyntaxNode ApplyTo(SyntaxNode root) =>
        root.ReplaceNodes(
            Replacements.Keys.Concat(_addedMembers.Keys),
            (original, rewritten) =>
            {
                var result = Replacements.TryGetValue(original, out var replacement) ? replacement : rewritten;
                return original is TypeDeclarationSyntax type && result is TypeDeclarationSyntax rewrittenType && _addedMembers.TryGetValue(type, out var added)
                    ? rewrittenType.WithMembers(rewrittenType.Members.InsertRange(InsertionIndex(rewrittenType), added))
                    : result;
            });

    /// <summary>New members go after the type's fields (its first members when it has none).</summary>
    private static int InsertionIndex(TypeDeclarationSyntax type)
    {
        var index = 0;
        for (var i = 0; i < type.Members.Count; i++)
        {
            if (type.Members[i] is FieldDeclarationSyntax)
            {
                index = i + 1;
            }
        }

        return index;
    }

    private static string MemberName(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax field => field.Declaration.Variables[0].Identifier.ValueText,
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        _ => string.Empty,
    };
}

/// <summary>
/// What a fix reads of one document: its tree, model, SMTP symbols, options and the constants classes
/// (<c>SmtpReplyCodes</c>, <c>SmtpEnhancedStatusCodes</c>), shared by the documents of one project.
/// </summary>
internal sealed class FixInput
{
    private FixInput(Document document, SyntaxNode root, SemanticModel model, FixInput? previous, CancellationToken cancellationToken)
    {
        Document = document;
        CancellationToken = cancellationToken;
        Root = root;
        Model = model;
        Symbols = SmtpSymbols.For(model.Compilation);
        ReplyCodes = previous?.ReplyCodes ?? ConstantsClass.For(HelperFile.ReplyCodes, model.Compilation, document.Project, Symbols);
        EnhancedStatusCodes = previous?.EnhancedStatusCodes ?? ConstantsClass.For(HelperFile.EnhancedStatusCodes, model.Compilation, document.Project, Symbols);
        Failures = previous?.Failures ?? ConstantsClass.For(HelperFile.Failures, model.Compilation, document.Project, Symbols);
        Names = ReplyCodeNames.For(model.SyntaxTree, document.Project.AnalyzerOptions);
        PrefersCatalogConstants = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(model.SyntaxTree)
            .TryGetValue(ReplyCodeConstantsKey, out var constants)
            && string.Equals(constants.Trim(), "catalog", StringComparison.OrdinalIgnoreCase);
        Retry = RetrySettings.For(model.SyntaxTree, document.Project.AnalyzerOptions);
        Transient = previous is null ? SmtpFailuresClass.For(Failures) : previous.Transient;
        RetryClass = previous is not null ? previous.RetryClass
            : Symbols.ReferencesPolly ? SmtpRetryClass.For(model.Compilation, pipelines: Symbols.PollyRetryOptions is not null)
            : null;
    }

    /// <summary>
    /// <c>library</c> (the default): where a library enum has a member for a reply code, the fix writes it;
    /// <c>catalog</c>: the fix writes <c>SmtpReplyCodes.X</c> there too, so that hover shows the catalog text.
    /// </summary>
    public const string ReplyCodeConstantsKey = "smtp_analyzers.reply_code_constants";

    public Document Document { get; }

    public SyntaxNode Root { get; }

    public CancellationToken CancellationToken { get; }

    public SemanticModel Model { get; }

    public SmtpSymbols Symbols { get; }

    public ReplyCodeNames Names { get; }

    /// <summary><c>smtp_analyzers.reply_code_constants = catalog</c>: write <c>SmtpReplyCodes.X</c> instead of a library enum member.</summary>
    public bool PrefersCatalogConstants { get; }

    public ConstantsClass ReplyCodes { get; }

    public ConstantsClass EnhancedStatusCodes { get; }

    /// <summary><c>SmtpFailures</c>: the one test of a transient or permanent failure that retry fixes use.</summary>
    public ConstantsClass Failures { get; }

    /// <summary><c>SmtpFailures.IsTransient</c>, the one retry predicate, or null when the project's class lacks it.</summary>
    public SmtpFailuresClass? Transient { get; }

    /// <summary>How many attempts the retries a fix writes make, and how long they wait.</summary>
    public RetrySettings Retry { get; }

    /// <summary>The project's shared Polly retry (<c>SmtpRetry</c>), when it references Polly and has one.</summary>
    public SmtpRetryClass? RetryClass { get; }

    /// <summary>The input for <paramref name="document"/>; <paramref name="previous"/> is that of an earlier document of the same project.</summary>
    public static async Task<FixInput?> CreateAsync(Document document, CancellationToken cancellationToken, FixInput? previous = null)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return root is null || model is null
            ? null
            : new FixInput(document, root, model, previous, cancellationToken);
    }

    /// <summary>The node a diagnostic was reported on.</summary>
    public SyntaxNode NodeOf(Diagnostic diagnostic) =>
        Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
}
