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
/// The MailKit and System.Net.Mail types the analyzers look for, resolved once per compilation.
/// </summary>
internal sealed class SmtpSymbols
{
    private SmtpSymbols(Compilation compilation)
    {
#pragma warning disable RS0030 // The one place that resolves types by metadata name.
        MailKitStatusCode = compilation.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpStatusCode");
        SystemNetMailStatusCode = compilation.GetTypeByMetadataName("System.Net.Mail.SmtpStatusCode");
        MailKitCommandException = compilation.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpCommandException");
        MailKitResponse = compilation.GetTypeByMetadataName("MailKit.Net.Smtp.SmtpResponse");
        SystemNetMailException = compilation.GetTypeByMetadataName("System.Net.Mail.SmtpException");
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

    public static SmtpSymbols Create(Compilation compilation) => new(compilation);

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
