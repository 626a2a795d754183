using Microsoft.CodeAnalysis.Text;

namespace SmtpAnalyzers;

/// <summary>
/// A cheap per-file test run before any syntax or semantic work: a file that never spells "smtp"
/// (in any case) uses no SMTP status type, exception or default-named variable, so it is skipped.
/// </summary>
internal static class SmtpTextFilter
{
    private const int ChunkSize = 4096;

    public static bool MentionsSmtp(SourceText text)
    {
        var buffer = new char[ChunkSize + 3];
        var length = text.Length;

        // Chunks overlap by three characters so that a word split at a boundary is still found.
        for (var start = 0; start < length; start += ChunkSize)
        {
            var count = length - start < ChunkSize + 3 ? length - start : ChunkSize + 3;
            text.CopyTo(start, buffer, 0, count);
            for (var i = 0; i + 3 < count; i++)
            {
                if ((buffer[i] | 0x20) == 's'
                    && (buffer[i + 1] | 0x20) == 'm'
                    && (buffer[i + 2] | 0x20) == 't'
                    && (buffer[i + 3] | 0x20) == 'p')
                {
                    return true;
                }
            }
        }

        return false;
    }
}
