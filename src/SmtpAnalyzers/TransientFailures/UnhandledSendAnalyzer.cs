using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SmtpAnalyzers.TransientFailures;

/// <summary>
/// SMTP101: a MailKit or System.Net.Mail send outside any <c>try</c> that catches its failures and
/// outside any retry mechanism, so a transient reply throws and the message is lost.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnhandledSendAnalyzer : MailSendAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnhandledSend);

    private protected override void Register(CompilationStartAnalysisContext start, SmtpSymbols symbols) =>
        start.RegisterOperationAction(operation => AnalyzeInvocation(operation, symbols), OperationKind.Invocation);

    private static void AnalyzeInvocation(OperationAnalysisContext context, SmtpSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!SendHandling.IsSendName(invocation.TargetMethod.Name)
            || symbols.SendLibraryOf(invocation.TargetMethod) is var library && library == StatusLibrary.None
            || invocation.Syntax is not InvocationExpressionSyntax syntax
            || invocation.SemanticModel is not { } model
            || SendHandling.IsHandled(syntax, library, model, symbols, context.CancellationToken))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnhandledSend, syntax.GetLocation(), syntax.Expression.ToString()));
    }
}
