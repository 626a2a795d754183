using System.Collections.Immutable;

namespace SmtpAnalyzers.Catalog;

/// <summary>The enhanced status codes of RFC 3463 and the IANA registry: the source of truth for SMTP005.</summary>
internal static partial class EnhancedStatusCatalog
{
    /// <summary>Every enhanced status code, ordered by subject, then detail.</summary>
    public static ImmutableArray<EnhancedStatusCode> All { get; } = CreateEntries();

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
