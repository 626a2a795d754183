using Microsoft.CodeAnalysis;

namespace SmtpAnalyzers;

/// <summary>The rule ids: the package's public contract.</summary>
public static class RuleIds
{
    public const string MagicReplyCode = "SMTP001";
    public const string ReplyCodeText = "SMTP002";
    public const string NotAReplyCode = "SMTP003";
    public const string ReplyClassBounds = "SMTP004";
    public const string EnhancedStatusCode = "SMTP005";
    public const string ReplyCodeInCodelessText = "SMTP006";
    public const string UnhandledSend = "SMTP101";
    public const string DroppedTransientFailure = "SMTP102";
    public const string PermanentFailureRetry = "SMTP103";
    public const string UnboundedRetry = "SMTP104";
    public const string SingleTransientCode = "SMTP105";
    public const string WholeMessageResent = "SMTP106";
    public const string SendAfterSuccessLoop = "SMTP107";
    public const string DisconnectedClientRetry = "SMTP108";
}

/// <summary>Every diagnostic the package reports, in one place.</summary>
internal static class Descriptors
{
    public const string Category = "SmtpReplyCodes";

    public const string TransientCategory = "SmtpTransientFailures";

    private const string DocsRoot = "https://github.com/smtpanalyzers/SmtpAnalyzers/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor MagicReplyCode = Create(
        RuleIds.MagicReplyCode,
        "Use a named constant for the SMTP reply code",
        "{0} is the SMTP reply '{1}' ({2}): use {3}",
        "A reply code written as a bare number hides which reply the code means and whether it is a transient or a permanent failure. The named constant documents both, and hovering over it shows the catalog entry: what the reply means, when servers send it, and whether to retry.");

    public static readonly DiagnosticDescriptor ReplyCodeText = Create(
        RuleIds.ReplyCodeText,
        "SMTP reply code compared as text",
        "\"{0}\" compares the SMTP reply '{1}' ({2}) as text: {3}",
        "Reply text is a poor carrier of the reply code: MailKit's SmtpCommandException.Message and SmtpResponse.Response hold the text after the code, and System.Net.Mail's SmtpException.Message is a localised sentence, so a prefix or equality test against \"421\" never matches there; elsewhere it also matches prices, sizes and other numbers in the text. Compare the StatusCode the library parsed, or parse the leading three digits of the reply line.");

    public static readonly DiagnosticDescriptor NotAReplyCode = Create(
        RuleIds.NotAReplyCode,
        "Value is not an SMTP reply code",
        "{0} is not an SMTP reply code{1}",
        "The value is compared with an SMTP status, but no SMTP specification defines it as a reply code, so the comparison can never match what a server sends. It is almost always a typo for a real code, or an HTTP status used where an SMTP reply was meant.");

    public static readonly DiagnosticDescriptor ReplyClassBounds = Create(
        RuleIds.ReplyClassBounds,
        "Reply class tested with magic bounds",
        "Reply class test '{0}' {1}",
        "Numeric bounds such as 'code >= 400 && code < 500' or 'code / 100 == 4' make the reader work out which reply classes they select, and an off-by-one bound ('> 400', '<= 500') silently moves a reply into the wrong class. SmtpReplyCodes.IsTransient, IsPermanent, IsPositive, IsIntermediate and ClassOf say which class is meant.",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor EnhancedStatusCode = Create(
        RuleIds.EnhancedStatusCode,
        "Use a named constant for the enhanced status code",
        "\"{0}\" is {1}",
        "An enhanced status code (RFC 3463) written as a string such as \"5.7.1\" says nothing to a reader about which condition it is or whether it is permanent. The named constant spells out both, and hovering over it shows the registry's description. A code that the registry does not define can never match what a server sends.",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ReplyCodeInCodelessText = Create(
        RuleIds.ReplyCodeInCodelessText,
        "Reply code looked for in text that never holds it",
        "\"{0}\" is looked for in {1}, which never holds the reply code, so the test always fails: {2}",
        "MailKit splits every reply into its code and its text. SmtpCommandException.Message and SmtpResponse.Response are the text after the code, and Send/SendAsync return the server's last text only once it has answered 250. Looking for \"421\" or \"250\" in such a string never succeeds: a check for success reports every delivered message as a failure, and a check for a failure never sees one. Compare the StatusCode the library parsed; a successful Send needs no check at all.");

    public static readonly DiagnosticDescriptor UnhandledSend = Create(
        RuleIds.UnhandledSend,
        "SMTP send has no transient-failure handling",
        "'{0}' has no transient-failure handling: a 4xx reply or a dropped connection throws out of it and the message is lost",
        "MailKit and System.Net.Mail never retry. A transient reply (421 service not available, 450/451 greylisting, 452 out of storage) or a dropped connection makes the send throw, and unless a catch clause or a retry mechanism (a Polly policy or resilience pipeline, a retry helper) deals with it, the message is not delivered although a later attempt would have succeeded.",
        category: TransientCategory);

    public static readonly DiagnosticDescriptor DroppedTransientFailure = Create(
        RuleIds.DroppedTransientFailure,
        "Transient SMTP failure is dropped",
        "This catch clause drops transient SMTP failures: {0}",
        "A catch clause around a send that logs, returns a constant or does nothing loses every message that failed for a transient reason (a busy or greylisting server, a dropped connection), although the server asked for a later attempt. Rethrow, retry with a delay, hand the message to a queue that tries again, or test the status code so that only permanent 5xx failures are given up.",
        category: TransientCategory);

    public static readonly DiagnosticDescriptor PermanentFailureRetry = Create(
        RuleIds.PermanentFailureRetry,
        "Permanent SMTP failure is retried",
        "{0} retries permanent SMTP failures: {1}",
        "A 5xx reply is the server's final answer: the mailbox does not exist, the message is refused as spam or too large, the relay is denied. Sending the same message again gets the same answer, wastes the attempts and the time a transient failure needed, and a server that sees the same rejected message again and again may start refusing the sender. Retry only transient replies: 4xx, a dropped connection, and System.Net.Mail's GeneralFailure for I/O errors and timeouts.",
        category: TransientCategory);

    public static readonly DiagnosticDescriptor UnboundedRetry = Create(
        RuleIds.UnboundedRetry,
        "SMTP retry has no delay or no bound",
        "This {0} {1}",
        "Retrying at once makes a greylisting or busy server refuse again (greylisting asks for minutes, not milliseconds), and a loop with no bound on attempts retries a failure that never clears forever, holding a connection and a thread. Wait between attempts, with exponential backoff, and give up after a fixed number of attempts.",
        category: TransientCategory);

    public static readonly DiagnosticDescriptor SingleTransientCode = Create(
        RuleIds.SingleTransientCode,
        "Only one transient reply code is treated as transient",
        "Only {0} is retried here: {1} and the other transient 4xx replies are given up as if they were permanent",
        "Servers say \"try again later\" with several 4xx replies: 421 when they close the channel, 450 and 451 when they greylist a sender, 452 when they are short of storage, 454 when TLS or authentication is unavailable for now. A retry decision that tests one of them by equality sends every other transient reply down the path meant for permanent failures, so greylisted mail, the most common transient case, is never retried. Test the reply class (SmtpReplyCodes.IsTransient) and keep special cases, such as reconnecting after 421, next to the general transient path.",
        category: TransientCategory);

    public static readonly DiagnosticDescriptor WholeMessageResent = Create(
        RuleIds.WholeMessageResent,
        "Whole message resent after a partial recipient failure",
        "'{0}' sends '{1}' again to all its recipients after {2}: the recipients that accepted it the first time get it twice",
        "When a server refuses only some recipients, System.Net.Mail's SmtpClient still transfers the message to the others and throws SmtpFailedRecipientException (one refused) or SmtpFailedRecipientsException (several) afterwards. Sending the same MailMessage again from that handler delivers a second copy to everyone who already has it. Send again only to the refused recipients whose reply was transient, found in FailedRecipient and InnerExceptions.",
        category: TransientCategory);

    public static readonly DiagnosticDescriptor SendAfterSuccessLoop = Create(
        RuleIds.SendAfterSuccessLoop,
        "Retry loop sends again after a successful send",
        "This retry loop goes round again after '{0}' succeeds: nothing leaves the loop once the message is sent, so each further turn mails the recipients again",
        "A retry loop is meant to end with the first attempt that works. When the path after a completed send has no break, no return and no flag the loop condition tests, the loop carries on: a bounded loop delivers the message once per remaining attempt, a 'while (true)' delivers it until the process stops. Leave the loop right after the send succeeds.",
        category: TransientCategory);

    public static readonly DiagnosticDescriptor DisconnectedClientRetry = Create(
        RuleIds.DisconnectedClientRetry,
        "Retry reuses a client the failure disconnected",
        "'{0}' is retried on '{1}' after a failure that closes its connection ({2}), and nothing connects it again: the retry throws ServiceNotConnectedException",
        "MailKit's SmtpClient drops its connection when the server answers 421 or when the connection itself fails (SmtpProtocolException, IOException); IsConnected is then false and every further Send throws ServiceNotConnectedException. A retry that sends again on the same client without connecting it again spends its attempts on that exception and the message is never sent. Connect again inside the retry when the client is not connected, or create the client inside it.",
        category: TransientCategory);

    /// <summary>The docs page of a rule: the same address the descriptors' help links use.</summary>
    public static string HelpLink(string id) => DocsRoot + id + ".md";

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string message,
        string description,
        DiagnosticSeverity severity = DiagnosticSeverity.Warning,
        string category = Category) =>
        new(
            id,
            title,
            message,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id));
}
