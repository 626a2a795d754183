using System.Collections.Immutable;

namespace SmtpAnalyzers.Catalog;

/// <summary>The enhanced status codes of RFC 3463 and the IANA registry: the source of truth for SMTP005.</summary>
internal static partial class EnhancedStatusCatalog
{
    /// <summary>Every enhanced status code, ordered by subject, then detail.</summary>
    public static ImmutableArray<EnhancedStatusCode> All { get; } = CreateEntries();

    /// <summary>
    /// The class digits of RFC 3463 (section 3.1), each with the word that starts the name of a constant of that
    /// class (so that the class stays visible where the constant is used) and what the class means.
    /// </summary>
    public static ImmutableArray<(int Digit, string Prefix, string Meaning)> Classes { get; } = ImmutableArray.Create(
        (2, "Success", "success: the action completed"),
        (4, "Transient", "persistent transient failure: the same message may be accepted later, so retry with backoff"),
        (5, "Permanent", "permanent failure: sending the same message again fails again until the cause is fixed"));

    /// <summary>
    /// The name of the constant for <paramref name="entry"/> in class <paramref name="statusClass"/>:
    /// <c>PermanentBadDestinationMailboxAddress</c> for 5.1.1, <c>TransientMailboxFull</c> for 4.2.2.
    /// </summary>
    public static string ConstantName(int statusClass, EnhancedStatusCode entry)
    {
        foreach (var c in Classes)
        {
            if (c.Digit == statusClass)
            {
                return c.Prefix + entry.Name;
            }
        }

        throw new System.ArgumentOutOfRangeException(nameof(statusClass));
    }

    /// <summary>The entry for subject.detail, or null when the registry has no such code.</summary>
    public static EnhancedStatusCode? Find(int subject, int detail)
    {
        foreach (var entry in All)
        {
            if (entry.Subject == subject && entry.Detail == detail)
            {
                return entry;
            }
        }

        return null;
    }
}
