namespace SmtpAnalyzers.Testing;

/// <summary>
/// The helpers the package's source generator adds to every consuming project, as the fixes' contract describes them
/// (<c>SmtpFailures.IsTransient(Exception)</c>, <c>SmtpFailures.IsPermanent(Exception)</c>), for the compilations of
/// the test projects until the generator is part of the build. Shared by the unit tests and the runtime proof.
/// </summary>
public static class SmtpFailuresStandIn
{
    /// <summary>The helper class in <paramref name="namespaceName"/>.</summary>
    public static string For(string namespaceName) => Text.Replace("TheNamespace", namespaceName);

    private const string Text = """
        namespace TheNamespace
        {
            internal static class SmtpFailures
            {
                public static bool IsTransient(global::System.Exception ex) => ex switch
                {
                    global::System.Net.Mail.SmtpFailedRecipientException => false,
                    global::System.Net.Mail.SmtpException smtp => smtp.StatusCode == global::System.Net.Mail.SmtpStatusCode.GeneralFailure || IsTransientCode((int)smtp.StatusCode),
                    global::MailKit.Net.Smtp.SmtpCommandException command => IsTransientCode((int)command.StatusCode),
                    global::MailKit.Net.Smtp.SmtpProtocolException => true,
                    global::System.IO.IOException => true,
                    global::MailKit.Security.AuthenticationException { InnerException: global::MailKit.Net.Smtp.SmtpCommandException command } => IsTransientCode((int)command.StatusCode),
                    _ => false,
                };

                public static bool IsPermanent(global::System.Exception ex) => ex switch
                {
                    global::System.Net.Mail.SmtpException smtp => (int)smtp.StatusCode >= 500 && (int)smtp.StatusCode < 600,
                    global::MailKit.Net.Smtp.SmtpCommandException command => (int)command.StatusCode >= 500 && (int)command.StatusCode < 600,
                    _ => false,
                };

                private static bool IsTransientCode(int code) => code >= 400 && code < 500;
            }
        }
        """;
}
