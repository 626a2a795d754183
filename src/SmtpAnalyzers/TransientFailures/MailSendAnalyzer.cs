using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SmtpAnalyzers.Failures;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// The registration the transient-failure analyzers share: SMTP symbols resolved once per compilation, by the
/// first file or node that needs them, and no analysis in a compilation that references neither MailKit nor
/// System.Net.Mail.
/// </summary>
/// <remarks>
/// The rules about sends, tries and loops register one semantic-model action per file and look only at the
/// nodes found from the file's sends outwards (<see cref="Sends.TriesAroundCalls"/>,
/// <see cref="Sends.RetryLoopsAroundSends"/>), not at every try, catch or loop the driver would hand
/// to a syntax-node action. The loops around calls named like a send wrapper's are among them: every rule that
/// asks about retry loops (<see cref="RetryLoops.RetriedSends"/>) judges a loop around a wrapper call as one around
/// a send, and binds such a call only when a wrapper of the compilation has its name (<see cref="SendWrappers"/>). A semantic-model action also runs when the driver is done with the file's
/// members: in a build that runs operation-based rules (the .NET SDK's default), their bodies are bound by
/// then, so these rules do not pay for binding them. The Polly rules are syntax-node actions on invocations
/// that test the invoked name before anything else, registered only where a reference is named after Polly.
/// <para>
/// Nothing is looked up at compilation start. The first lookup of a type in a compilation binds its references,
/// which waits for the declarations of every file: at compilation start that wait is the analyzer's, while by
/// the first file or node action the compiler has built them for its own use. The list of references is read
/// without binding anything.
/// </para>
/// </remarks>
public abstract class MailSendAnalyzer : SmtpAnalyzer
{
    /// <summary>Registers <paramref name="analyzeFile"/> for each file of a compilation that can send mail.</summary>
    private protected static void RegisterFileAction(AnalysisContext context, Action<TransientFile, SmtpSymbols> analyzeFile) =>
        context.RegisterSemanticModelAction(file =>
        {
            if (file.IsGeneratedCode)
            {
                return;
            }

            var symbols = SmtpSymbols.For(file.SemanticModel.Compilation);
            if (symbols.CanSendMail)
            {
                analyzeFile(new TransientFile(file, symbols), symbols);
            }
        });

    /// <summary>Registers <paramref name="analyzeSend"/> for each send (of MailKit or System.Net.Mail, and its library) of a file that can send mail.</summary>
    private protected static void RegisterSendAction(AnalysisContext context, Action<InvocationExpressionSyntax, StatusLibrary, TransientFile, SmtpSymbols> analyzeSend) =>
        RegisterFileAction(context, (file, symbols) =>
        {
            var model = file.SemanticModel;
            foreach (var call in Sends.CandidateCallsIn(model.SyntaxTree))
            {
                if (call.IsSend && Sends.SendLibraryOf(call.Invocation, model, symbols, file.CancellationToken) is var library and not StatusLibrary.None)
                {
                    analyzeSend(call.Invocation, library, file, symbols);
                }
            }
        });

    /// <summary>Registers <paramref name="analyzeLoop"/> for each retry-shaped loop around a send or a send wrapper's call (<see cref="Sends.RetryLoopsAroundSends"/>) of a file that can send mail.</summary>
    private protected static void RegisterRetryLoopAction(AnalysisContext context, Action<StatementSyntax, TransientFile, SmtpSymbols> analyzeLoop) =>
        RegisterFileAction(context, (file, symbols) =>
        {
            foreach (var loop in Sends.RetryLoopsAroundSends(file.SemanticModel.SyntaxTree))
            {
                analyzeLoop(loop, file, symbols);
            }
        });

    /// <summary>
    /// Reports <paramref name="diagnostic"/> of a syntax-node action when the rules judge the node (see <see cref="RuleScope"/>)
    /// and it is not generated code (see <see cref="GeneratedDeclarations"/>).
    /// </summary>
    private protected static void ReportInScope(SyntaxNodeAnalysisContext context, Diagnostic diagnostic)
    {
        var symbols = SmtpSymbols.For(context.Compilation);
        if (!context.IsGeneratedCode
            && !GeneratedDeclarations.Contain(context.Node.SpanStart, context.SemanticModel, symbols, context.CancellationToken)
            && RuleScope.Judges(context.Node, RuleScope.RulesInTests(context.Options, context.Node.SyntaxTree), context.SemanticModel, symbols, context.CancellationToken))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>
    /// Registers <paramref name="analyzeInvocation"/> for each invocation of a compilation that may reference
    /// Polly: one of its references (Polly.dll, Polly.Core.dll) is named after it. The action still has to check
    /// <see cref="SmtpSymbols.ReferencesPolly"/>.
    /// </summary>
    private protected static void RegisterPollyInvocationAction(AnalysisContext context, Action<SyntaxNodeAnalysisContext> analyzeInvocation) =>
        context.RegisterCompilationStartAction(start =>
        {
            if (NamesPolly(start.Compilation.ExternalReferences))
            {
                start.RegisterSyntaxNodeAction(analyzeInvocation, SyntaxKind.InvocationExpression);
            }
        });

    private static bool NamesPolly(ImmutableArray<MetadataReference> references)
    {
        foreach (var reference in references)
        {
            if (reference.Display?.IndexOf("Polly", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
