using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SmtpAnalyzers;

/// <summary>Which library a status enum belongs to.</summary>
internal enum StatusLibrary
{
    None,
    MailKit,
    SystemNetMail,
}

/// <summary>
/// The MailKit and System.Net.Mail types the analyzers look for, resolved once per compilation and
/// shared by every analyzer and fix.
/// </summary>
internal sealed class SmtpSymbols
{
    private readonly ImmutableArray<INamedTypeSymbol> _mailKitSendFailures;
    private readonly ImmutableArray<INamedTypeSymbol> _systemNetMailSendFailures;
    private readonly ImmutableArray<INamedTypeSymbol> _sendFailures;

    private SmtpSymbols(Compilation compilation)
    {
        // A lookup by metadata name on the compilation searches every reference, of which a project has
        // hundreds: each library is found once by one of its types, and the rest are looked up in it alone.
#pragma warning disable RS0030 // The one place that resolves types by metadata name.
        var mailKit = compilation.GetTypeByMetadataName("MailKit.IMailService")?.ContainingAssembly;
        MailKitMailService = mailKit?.GetTypeByMetadataName("MailKit.IMailService");
        MailKitStatusCode = mailKit?.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpStatusCode");
        MailKitCommandException = mailKit?.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpCommandException");
        MailKitResponse = mailKit?.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpResponse");
        MailKitSmtpClient = mailKit?.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpClient");
        MailKitSmtpClientInterface = mailKit?.GetTypeByMetadataName("MailKit.Net.Smtp.ISmtpClient");
        MailKitMailTransport = mailKit?.GetTypeByMetadataName("MailKit.IMailTransport");
        MailKitProtocolException = mailKit?.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpProtocolException");
        MailKitAuthenticationException = mailKit?.GetTypeByMetadataName("MailKit.Security.AuthenticationException");

        var systemNetMail = compilation.GetTypeByMetadataName("System.Net.Mail.SmtpClient")?.ContainingAssembly;
        SystemNetMailClient = systemNetMail?.GetTypeByMetadataName("System.Net.Mail.SmtpClient");
        SystemNetMailStatusCode = systemNetMail?.GetTypeByMetadataName("System.Net.Mail.SmtpStatusCode");
        SystemNetMailException = systemNetMail?.GetTypeByMetadataName("System.Net.Mail.SmtpException");
        SystemNetMailMessage = systemNetMail?.GetTypeByMetadataName("System.Net.Mail.MailMessage");
        SystemNetMailFailedRecipientException = systemNetMail?.GetTypeByMetadataName("System.Net.Mail.SmtpFailedRecipientException");

        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        IOException = compilation.GetTypeByMetadataName("System.IO.IOException");
        _mailKitSendFailures = NonNull(MailKitCommandException, MailKitProtocolException, mailKit is null ? null : IOException);
        _systemNetMailSendFailures = NonNull(SystemNetMailException);
        _sendFailures = _mailKitSendFailures.AddRange(_systemNetMailSendFailures);
        GeneratedCodeAttribute = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
        Logger = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger");
        Trace = compilation.GetTypeByMetadataName("System.Diagnostics.Trace");
        IsTestProject = ReferencesTestFramework(compilation);

        // Polly v7 policies live in Polly, v8 resilience strategies in Polly.Core.
        var pollyPolicies = compilation.GetTypeByMetadataName("Polly.Policy")?.ContainingAssembly;
        var pollyCore = compilation.GetTypeByMetadataName("Polly.ResiliencePipeline")?.ContainingAssembly;
        PollyPolicies = ResolveAll(pollyPolicies, "Polly.ISyncPolicy", "Polly.IAsyncPolicy", "Polly.ISyncPolicy`1", "Polly.IAsyncPolicy`1")
            .AddRange(ResolveAll(pollyCore, "Polly.ResiliencePipeline", "Polly.ResiliencePipeline`1"));
        PollyPolicyBuilders = ResolveAll(pollyPolicies, "Polly.Policy", "Polly.Policy`1", "Polly.PolicyBuilder", "Polly.PolicyBuilder`1");
        PollyPredicateBuilder = pollyCore?.GetTypeByMetadataName("Polly.PredicateBuilder`1");
        PollyRetryOptions = pollyCore?.GetTypeByMetadataName("Polly.Retry.RetryStrategyOptions`1");
#pragma warning restore RS0030
    }

    /// <summary><c>MailKit.Net.Smtp.SmtpStatusCode</c>, when MailKit is referenced.</summary>
    public INamedTypeSymbol? MailKitStatusCode { get; }

    /// <summary><c>System.Net.Mail.SmtpStatusCode</c>, when System.Net.Mail is referenced.</summary>
    public INamedTypeSymbol? SystemNetMailStatusCode { get; }

    /// <summary><c>MailKit.Net.Smtp.SmtpCommandException</c>: an error reply, with <c>StatusCode</c> and the reply text as <c>Message</c>.</summary>
    public INamedTypeSymbol? MailKitCommandException { get; }

    /// <summary><c>MailKit.Net.Smtp.SmtpResponse</c>: a reply, with <c>StatusCode</c> and its text as <c>Response</c>.</summary>
    public INamedTypeSymbol? MailKitResponse { get; }

    /// <summary><c>System.Net.Mail.SmtpException</c> (and its recipient subtypes), with <c>StatusCode</c>.</summary>
    public INamedTypeSymbol? SystemNetMailException { get; }

    /// <summary><c>MailKit.Net.Smtp.SmtpClient</c>, when MailKit is referenced.</summary>
    public INamedTypeSymbol? MailKitSmtpClient { get; }

    /// <summary><c>MailKit.IMailTransport</c>: what MailKit's <c>SmtpClient</c> and <c>ISmtpClient</c> send through.</summary>
    /// <summary>MailKit's <c>ISmtpClient</c>, which its <c>SmtpClient</c> implements.</summary>
    public INamedTypeSymbol? MailKitSmtpClientInterface { get; }

    public INamedTypeSymbol? MailKitMailTransport { get; }

    /// <summary><c>MailKit.IMailService</c>: where <c>Authenticate</c>/<c>AuthenticateAsync</c> are declared.</summary>
    public INamedTypeSymbol? MailKitMailService { get; }

    /// <summary><c>MailKit.Net.Smtp.SmtpProtocolException</c>: the connection dropped or the reply was garbled (transient).</summary>
    public INamedTypeSymbol? MailKitProtocolException { get; }

    /// <summary>
    /// <c>MailKit.Security.AuthenticationException</c>: bad credentials, but also a 421/454 during AUTH,
    /// which MailKit wraps in it.
    /// </summary>
    public INamedTypeSymbol? MailKitAuthenticationException { get; }

    /// <summary><c>System.Net.Mail.SmtpClient</c>, when System.Net.Mail is referenced.</summary>
    public INamedTypeSymbol? SystemNetMailClient { get; }

    /// <summary><c>System.Net.Mail.MailMessage</c>: what a System.Net.Mail send takes.</summary>
    public INamedTypeSymbol? SystemNetMailMessage { get; }

    /// <summary>
    /// <c>System.Net.Mail.SmtpFailedRecipientException</c>, the base of <c>SmtpFailedRecipientsException</c>:
    /// thrown after the message went to the accepted recipients when only some were refused.
    /// </summary>
    public INamedTypeSymbol? SystemNetMailFailedRecipientException { get; }

    /// <summary><c>System.Threading.CancellationToken</c>: the token a fix passes on to the delays it writes.</summary>
    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary><c>System.IO.IOException</c>: how a connection MailKit lost can surface from a send.</summary>
    public INamedTypeSymbol? IOException { get; }

    /// <summary><c>System.CodeDom.Compiler.GeneratedCodeAttribute</c>: code a tool wrote, where no rule reports.</summary>
    public INamedTypeSymbol? GeneratedCodeAttribute { get; }

    /// <summary><c>Microsoft.Extensions.Logging.ILogger</c>: what a retry a fix writes logs each retry through, when the code has one.</summary>
    public INamedTypeSymbol? Logger { get; }

    /// <summary><c>System.Diagnostics.Trace</c>: where a retry a fix writes logs each retry when the code has no <c>ILogger</c>.</summary>
    public INamedTypeSymbol? Trace { get; }

    /// <summary>The Polly v7 policy interfaces and the Polly v8 pipelines that are referenced.</summary>
    public ImmutableArray<INamedTypeSymbol> PollyPolicies { get; }

    /// <summary>Where Polly v7 policies start and chain what they handle: <c>Policy.Handle&lt;T&gt;()</c>, <c>PolicyBuilder.Or&lt;T&gt;()</c>.</summary>
    public ImmutableArray<INamedTypeSymbol> PollyPolicyBuilders { get; }

    /// <summary><c>Polly.PredicateBuilder&lt;TResult&gt;</c>: what a Polly v8 strategy handles (<c>ShouldHandle</c>).</summary>
    public INamedTypeSymbol? PollyPredicateBuilder { get; }

    /// <summary><c>Polly.Retry.RetryStrategyOptions&lt;TResult&gt;</c>: a Polly v8 retry.</summary>
    public INamedTypeSymbol? PollyRetryOptions { get; }

    /// <summary>Whether Polly (v7 policies or v8 resilience strategies) is referenced.</summary>
    public bool ReferencesPolly => !PollyPolicyBuilders.IsEmpty || PollyPredicateBuilder is not null || PollyRetryOptions is not null;

    /// <summary>
    /// Whether the compilation is a test project: it references the assembly that defines a test framework's test
    /// attributes (xunit's <c>xunit.core</c> or <c>xunit.v3.core</c>, NUnit, MSTest, TUnit). Application code never does.
    /// </summary>
    public bool IsTestProject { get; }

    private static bool ReferencesTestFramework(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (assembly.Name is "xunit.core" or "xunit.v3.core" or "nunit.framework" or "Microsoft.VisualStudio.TestPlatform.TestFramework" or "TUnit.Core")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the compilation can send mail at all: MailKit or System.Net.Mail is referenced.</summary>
    public bool CanSendMail => MailKitMailTransport is not null || SystemNetMailClient is not null;

    // Every analyzer and fix asks for the same compilation's symbols: resolve them once and keep
    // them as long as the compilation lives.
    private static readonly ConditionalWeakTable<Compilation, SmtpSymbols> Resolved = new();

    private static readonly ConditionalWeakTable<Compilation, SmtpSymbols>.CreateValueCallback Resolve =
        compilation => new SmtpSymbols(compilation);

    public static SmtpSymbols For(Compilation compilation) => Resolved.GetValue(compilation, Resolve);

    /// <summary>
    /// Which library sends mail through <paramref name="method"/>: <c>Send</c>/<c>SendAsync</c> on MailKit's
    /// <c>IMailTransport</c> or a type implementing it (<c>SmtpClient</c>, <c>ISmtpClient</c>), or
    /// <c>Send</c>/<c>SendMailAsync</c> on <c>System.Net.Mail.SmtpClient</c> (its <c>SendAsync</c> reports failures
    /// through an event and throws none of them).
    /// </summary>
    public StatusLibrary SendLibraryOf(IMethodSymbol? method)
    {
        if (method is null || method.MethodKind != MethodKind.Ordinary || method.IsStatic)
        {
            return StatusLibrary.None;
        }

        var type = method.ContainingType;
        switch (method.Name)
        {
            case "Send" or "SendAsync" when IsOrImplements(type, MailKitMailTransport):
                return StatusLibrary.MailKit;
            // Not the event-based SendAsync(message, userToken): its failures arrive in SendCompleted.
            case "Send" or "SendMailAsync" when InheritsFrom(type, SystemNetMailClient):
                return StatusLibrary.SystemNetMail;
            default:
                return StatusLibrary.None;
        }
    }

    /// <summary>
    /// Whether <paramref name="method"/> is MailKit's <c>Authenticate</c>/<c>AuthenticateAsync</c> called on
    /// <paramref name="client"/>, an SMTP client (<c>ISmtpClient</c> or a type implementing it; not <c>ImapClient</c> or
    /// <c>Pop3Client</c>, which share the method).
    /// </summary>
    public bool IsMailKitAuthenticate(IMethodSymbol? method, ITypeSymbol? client) =>
        method is { Name: "Authenticate" or "AuthenticateAsync" }
        && IsOrImplements(method.ContainingType, MailKitMailService)
        && IsOrImplements(client as INamedTypeSymbol, MailKitSmtpClientInterface);

    /// <summary>
    /// The exceptions a failed send of <paramref name="library"/> throws, the one list every question about which
    /// failures a handler takes starts from. MailKit: <c>SmtpCommandException</c> (an error reply),
    /// <c>SmtpProtocolException</c> and <c>IOException</c> (a lost connection). System.Net.Mail: <c>SmtpException</c>
    /// (error replies, and I/O errors and timeouts as <c>GeneralFailure</c>).
    /// </summary>
    public ImmutableArray<INamedTypeSymbol> SendFailures(StatusLibrary library) => library switch
    {
        StatusLibrary.MailKit => _mailKitSendFailures,
        StatusLibrary.SystemNetMail => _systemNetMailSendFailures,
        _ => ImmutableArray<INamedTypeSymbol>.Empty,
    };

    /// <summary>
    /// The exception a send of <paramref name="library"/> throws for an error reply, the one that carries its status:
    /// MailKit's <c>SmtpCommandException</c>, System.Net.Mail's <c>SmtpException</c>; null for neither library.
    /// </summary>
    public INamedTypeSymbol? ReplyFailure(StatusLibrary library) => library switch
    {
        StatusLibrary.MailKit => MailKitCommandException,
        StatusLibrary.SystemNetMail => SystemNetMailException,
        _ => null,
    };

    /// <summary>
    /// Whether a <c>catch (<paramref name="caught"/>)</c> catches some of what a send of <paramref name="library"/>
    /// throws (<see cref="SendFailures"/>): one of those exceptions or a base type (up to <c>Exception</c>), or a
    /// subtype of the one that carries a reply status (<c>SmtpFailedRecipientException</c>).
    /// </summary>
    public bool CatchesSendFailures(ITypeSymbol? caught, StatusLibrary library)
    {
        if (caught is not INamedTypeSymbol type)
        {
            return false;
        }

        foreach (var failure in SendFailures(library))
        {
            if (InheritsFrom(failure, type))
            {
                return true;
            }
        }

        return library != StatusLibrary.None && StatusLibraryOfFailure(type) == library;
    }

    /// <summary>
    /// Whether a <c>catch (<paramref name="caught"/>)</c> takes every failure a send of <paramref name="library"/> throws
    /// (<see cref="SendFailures"/>): each is the caught type or derives from it (<c>Exception</c>; System.Net.Mail's
    /// <c>SmtpException</c>).
    /// </summary>
    public bool CatchesEveryFailure(ITypeSymbol? caught, StatusLibrary library)
    {
        var failures = SendFailures(library);
        if (caught is not INamedTypeSymbol type || failures.IsEmpty)
        {
            return false;
        }

        foreach (var failure in failures)
        {
            if (!InheritsFrom(failure, type))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a <c>catch (<paramref name="caught"/>)</c> (null: a catch with no type) catches the exceptions that carry
    /// a reply's <c>StatusCode</c>: MailKit's <c>SmtpCommandException</c> or System.Net.Mail's <c>SmtpException</c>,
    /// a base type or a subtype.
    /// </summary>
    public bool CatchesReplyFailures(ITypeSymbol? caught) =>
        caught is null
        || (caught is INamedTypeSymbol type && (Related(type, MailKitCommandException) || Related(type, SystemNetMailException)));

    private static bool Related(INamedTypeSymbol caught, INamedTypeSymbol? failure) =>
        failure is not null && (InheritsFrom(failure, caught) || InheritsFrom(caught, failure));

    /// <summary>Whether <paramref name="caught"/> is MailKit's <c>AuthenticationException</c> or a subtype.</summary>
    public bool IsAuthenticationException(ITypeSymbol? caught) =>
        caught is INamedTypeSymbol type && InheritsFrom(type, MailKitAuthenticationException);

    /// <summary>Whether <paramref name="type"/> is a Polly v7 policy or a Polly v8 resilience pipeline.</summary>
    public bool IsPollyPolicy(INamedTypeSymbol? type)
    {
        foreach (var policy in PollyPolicies)
        {
            if (IsOrImplements(type, policy) || InheritsFrom(type, policy))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="method"/> names an exception a Polly policy or strategy handles: v7
    /// <c>Policy.Handle&lt;T&gt;</c>, <c>PolicyBuilder.Or&lt;T&gt;</c>, or v8 <c>PredicateBuilder.Handle&lt;T&gt;</c>.
    /// </summary>
    public bool IsPollyExceptionHandler(IMethodSymbol? method)
    {
        if (method is not { Name: "Handle" or "Or", TypeArguments.Length: 1 })
        {
            return false;
        }

        var type = method.ContainingType.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(type, PollyPredicateBuilder))
        {
            return true;
        }

        foreach (var builder in PollyPolicyBuilders)
        {
            if (SymbolEqualityComparer.Default.Equals(type, builder))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is Polly v8's <c>RetryStrategyOptions</c> (generic or not) or a subtype.</summary>
    public bool IsPollyRetryOptions(ITypeSymbol? type) => InheritsFrom(type as INamedTypeSymbol, PollyRetryOptions);

    /// <summary>
    /// Which library's reply status an exception of type <paramref name="type"/> carries: MailKit's
    /// <c>SmtpCommandException</c>, System.Net.Mail's <c>SmtpException</c> and its recipient subtypes.
    /// </summary>
    public StatusLibrary StatusLibraryOfFailure(ITypeSymbol? type) =>
        type is not INamedTypeSymbol named ? StatusLibrary.None
        : InheritsFrom(named, MailKitCommandException) ? StatusLibrary.MailKit
        : InheritsFrom(named, SystemNetMailException) ? StatusLibrary.SystemNetMail
        : StatusLibrary.None;

    /// <summary>Whether <paramref name="type"/> is a failure of a send of either library (<see cref="SendFailures"/>) or a subtype of one.</summary>
    public bool IsSendFailure(ITypeSymbol? type)
    {
        foreach (var failure in _sendFailures)
        {
            if (InheritsFrom(type as INamedTypeSymbol, failure))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a <c>catch (<paramref name="caught"/>)</c> catches only System.Net.Mail's partial-delivery failures: <c>SmtpFailedRecipient(s)Exception</c>.</summary>
    public bool IsFailedRecipientException(ITypeSymbol? caught) =>
        caught is INamedTypeSymbol type && InheritsFrom(type, SystemNetMailFailedRecipientException);

    /// <summary>
    /// The name of the outermost namespace <paramref name="symbol"/> is declared in (<c>FluentAssertions</c> for
    /// <c>FluentAssertions.Primitives.ObjectAssertions</c>), or null for a symbol of the global namespace.
    /// </summary>
    public static string? OutermostNamespace(ISymbol? symbol)
    {
        var outermost = symbol?.ContainingNamespace;
        while (outermost?.ContainingNamespace is { IsGlobalNamespace: false })
        {
            outermost = outermost.ContainingNamespace;
        }

        return outermost is { IsGlobalNamespace: false } ? outermost.Name : null;
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool InheritsFrom(INamedTypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOrImplements(INamedTypeSymbol? type, INamedTypeSymbol? @interface)
    {
        if (type is null || @interface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The interface methods <paramref name="method"/> implements, explicitly or by name (<c>IEmailSender.SendEmailAsync</c>).</summary>
    public static IEnumerable<IMethodSymbol> ImplementedInterfaceMethods(IMethodSymbol method)
    {
        foreach (var contract in method.ContainingType.AllInterfaces)
        {
            foreach (var member in contract.GetMembers(method.Name))
            {
                if (member is IMethodSymbol interfaceMethod
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(interfaceMethod), method))
                {
                    yield return interfaceMethod;
                }
            }
        }

        foreach (var explicitImplementation in method.ExplicitInterfaceImplementations)
        {
            yield return explicitImplementation;
        }
    }

    private static ImmutableArray<INamedTypeSymbol> NonNull(params INamedTypeSymbol?[] types)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(types.Length);
        foreach (var type in types)
        {
            if (type is not null)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }

    private static ImmutableArray<INamedTypeSymbol> ResolveAll(IAssemblySymbol? assembly, params string[] names)
    {
        if (assembly is null)
        {
            return ImmutableArray<INamedTypeSymbol>.Empty;
        }

        var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>(names.Length);
        foreach (var name in names)
        {
            if (assembly.GetTypeByMetadataName(name) is { } type)
            {
                types.Add(type);
            }
        }

        return types.ToImmutable();
    }

    /// <summary>Which library's <c>SmtpStatusCode</c> <paramref name="type"/> is, if either.</summary>
    public StatusLibrary StatusLibraryOf(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind != TypeKind.Enum)
        {
            return StatusLibrary.None;
        }

        if (SymbolEqualityComparer.Default.Equals(type, MailKitStatusCode))
        {
            return StatusLibrary.MailKit;
        }

        return SymbolEqualityComparer.Default.Equals(type, SystemNetMailStatusCode)
            ? StatusLibrary.SystemNetMail
            : StatusLibrary.None;
    }
}
