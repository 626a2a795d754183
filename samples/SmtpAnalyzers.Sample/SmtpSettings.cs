namespace SmtpAnalyzers.Sample;

/// <summary>Where and as whom the app sends mail.</summary>
public sealed record SmtpSettings(string Host, int Port, string UserName, string Password, string From)
{
    // Near miss: 587 is the submission port, not a reply code.
    public static SmtpSettings Example { get; } =
        new("smtp.example.com", 587, "app@example.com", "app-password", "app@example.com");
}

/// <summary>Numbers the app names once and uses everywhere.</summary>
public static class SmtpDefaults
{
    // Near miss: defining a named constant is the fix, so these stay silent.
    public const int SmtpGreylistedCode = 451;
    public const int SubmissionPort = 587;

    // Near miss: a timeout in milliseconds.
    public const int SmtpTimeoutMs = 30000;
}
