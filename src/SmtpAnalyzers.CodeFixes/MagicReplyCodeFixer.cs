using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using SmtpAnalyzers.ReplyCodes;

namespace SmtpAnalyzers.CodeFixes;

/// <summary>
/// SMTP001: replaces a magic reply code with the library enum member (dropping a cast that is no longer
/// needed) or with <c>SmtpReplyCodes.X</c>, adding the generated <c>SmtpReplyCodes.cs</c> once per project.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MagicReplyCodeFixer)), Shared]
public sealed class MagicReplyCodeFixer : CodeFixProvider
{
    /// <summary>The equivalence key shared by every SMTP001 fix, so that Fix All applies them together.</summary>
    public const string EquivalenceKey = RuleIds.UseNamedReplyCode + ".UseNamedConstant";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UseNamedReplyCode);

    public override FixAllProvider GetFixAllProvider() => ProjectWideFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        var existing = ReplyCodesFile.FindExisting(model.Compilation);
        foreach (var diagnostic in context.Diagnostics)
        {
            var use = FindUse(document, model, diagnostic, context.CancellationToken);
            if (use?.Code is null || (use.EnumMember is null && existing is not null && !HasConstant(existing, use.Code.Name)))
            {
                continue;
            }

            var diagnostics = ImmutableArray.Create(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use " + use.Replacement(ReplyCodesFile.ClassName),
                    cancellationToken => FixAsync(
                        document.Project.Solution,
                        new Dictionary<DocumentId, ImmutableArray<Diagnostic>> { [document.Id] = diagnostics },
                        cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Fixes <paramref name="diagnostics"/> in their documents, adding the constants file where needed.</summary>
    private static async Task<Solution> FixAsync(
        Solution solution,
        IReadOnlyDictionary<DocumentId, ImmutableArray<Diagnostic>> diagnostics,
        CancellationToken cancellationToken)
    {
        foreach (var project in diagnostics.Keys.GroupBy(id => id.ProjectId))
        {
            var compilation = await solution.GetProject(project.Key)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null)
            {
                continue;
            }

            var existing = ReplyCodesFile.FindExisting(compilation);
            var constantsNamespace = existing is null
                ? ReplyCodesFile.DefaultNamespace(compilation)
                : NamespaceOf(existing);
            var needsConstantsFile = false;

            foreach (var documentId in project)
            {
                var document = solution.GetDocument(documentId)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null)
                {
                    continue;
                }

                var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
                foreach (var diagnostic in diagnostics[documentId])
                {
                    var use = FindUse(document, model, diagnostic, cancellationToken);
                    if (use?.Code is not { } code)
                    {
                        continue;
                    }

                    if (use.EnumMember is not null && use.EnumCast is not null)
                    {
                        // (SmtpStatusCode)452 -> SmtpStatusCode.InsufficientStorage
                        replacements[use.EnumCast] = EnumMember(use.StatusEnum!, use.EnumMember).WithTriviaFrom(use.EnumCast);
                    }
                    else if (use.EnumMember is not null && use.IntCast is not null)
                    {
                        // (int)ex.StatusCode == 421 -> ex.StatusCode == SmtpStatusCode.ServiceNotAvailable,
                        // together with every other label compared with the same status.
                        replacements[use.IntCast] = use.IntCast.Expression.WithTriviaFrom(use.IntCast);
                        var library = SmtpSymbols.Create(compilation).StatusLibraryOf(use.StatusEnum);
                        foreach (var label in use.ComparedTogether)
                        {
                            var member = ReplyCodeContext.MemberOf(library, (int)label.Token.Value!)!;
                            replacements[label] = EnumMember(use.StatusEnum!, member).WithTriviaFrom(label);
                        }
                    }
                    else if (existing is null || HasConstant(existing, code.Name))
                    {
                        replacements[use.Literal] = ReplyCodesConstant(constantsNamespace, code.Name).WithTriviaFrom(use.Literal);
                        needsConstantsFile |= existing is null;
                    }
                }

                if (replacements.Count > 0)
                {
                    solution = solution.WithDocumentSyntaxRoot(
                        documentId,
                        root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
                }
            }

            if (needsConstantsFile)
            {
                solution = AddConstantsFile(solution.GetProject(project.Key)!, constantsNamespace).Project.Solution;
            }

            // With the constants class in the compilation, shorten the qualified names: add a using for its
            // namespace where needed, and write the enums' names as the file's usings and aliases allow.
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

    private static ReplyCodeUse? FindUse(Document document, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
            || !ReplyCodeContext.IsCandidate(literal.Token, out var value))
        {
            return null;
        }

        var symbols = SmtpSymbols.Create(model.Compilation);
        var names = ReplyCodeNames.For(model.SyntaxTree, document.Project.AnalyzerOptions);
        return ReplyCodeContext.Find(model, literal, value, symbols, names, cancellationToken);
    }

    // Parsed rather than built, so that the tree has the shape the parser gives the same text.
    private static SyntaxNode EnumMember(INamedTypeSymbol statusEnum, string member) =>
        SyntaxFactory.ParseExpression(statusEnum.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member)
            .WithAdditionalAnnotations(Simplifier.Annotation);

    private static SyntaxNode ReplyCodesConstant(string? constantsNamespace, string name) =>
        SyntaxFactory.ParseExpression(
                "global::" + (constantsNamespace is null ? string.Empty : constantsNamespace + ".")
                + ReplyCodesFile.ClassName + "." + name)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    private static bool HasConstant(INamedTypeSymbol replyCodes, string name) =>
        replyCodes.GetMembers(name).Any(member => member is IFieldSymbol { IsConst: true });

    private static string? NamespaceOf(INamedTypeSymbol type) =>
        type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();

    private static Document AddConstantsFile(Project project, string? constantsNamespace)
    {
        var directory = project.FilePath is null ? null : System.IO.Path.GetDirectoryName(project.FilePath);
        return project.AddDocument(
            ReplyCodesFile.FileName,
            SourceText.From(ReplyCodesFile.Generate(constantsNamespace), System.Text.Encoding.UTF8),
            filePath: directory is null ? null : System.IO.Path.Combine(directory, ReplyCodesFile.FileName));
    }

    /// <summary>
    /// Fix All for document, project and solution scope: every diagnostic of a project is fixed in one pass,
    /// so the constants file is added once per project however many documents need it.
    /// </summary>
    private sealed class ProjectWideFixAll : FixAllProvider
    {
        public static readonly ProjectWideFixAll Instance = new();

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
                    "Use named constants for SMTP reply codes",
                    cancellationToken => FixAsync(fixAllContext.Solution, diagnostics, cancellationToken),
                    EquivalenceKey);
        }
    }
}
