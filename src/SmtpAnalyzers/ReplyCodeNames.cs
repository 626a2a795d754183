using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SmtpAnalyzers;

/// <summary>
/// Decides whether a variable, parameter, field or property name says that it holds an SMTP reply.
/// Default: the name contains "smtp" and ends with "code", "status" or "reply", in any case
/// (<c>smtpStatus</c>, <c>lastSmtpReplyCode</c>). Ending with the word keeps out quantities that merely
/// mention a reply: <c>SmtpReplyTimeoutSeconds</c>, <c>MaxSmtpReplyLength</c>.
/// The <c>smtp_analyzers.reply_code_name_pattern</c> .editorconfig key replaces that test with a
/// regular expression matched against the name.
/// </summary>
internal sealed class ReplyCodeNames
{
    public const string PatternKey = "smtp_analyzers.reply_code_name_pattern";

    private static readonly ConcurrentDictionary<string, ReplyCodeNames> Configured = new(StringComparer.Ordinal);

    private readonly Regex? _pattern;

    private ReplyCodeNames(Regex? pattern) => _pattern = pattern;

    public static ReplyCodeNames Default { get; } = new(null);

    /// <summary>True when the user replaced the default name test.</summary>
    public bool IsConfigured => _pattern is not null;

    /// <summary>The name test in force for <paramref name="tree"/>.</summary>
    public static ReplyCodeNames For(SyntaxTree tree, AnalyzerOptions options)
    {
        if (!options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(PatternKey, out var pattern)
            || string.IsNullOrWhiteSpace(pattern))
        {
            return Default;
        }

        return Configured.GetOrAdd(pattern.Trim(), Parse);
    }

    public bool Matches(string name)
    {
        if (_pattern is not null)
        {
            try
            {
                return _pattern.IsMatch(name);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return name.IndexOf("smtp", StringComparison.OrdinalIgnoreCase) >= 0
            && (EndsWith(name, "code") || EndsWith(name, "status") || EndsWith(name, "reply"));
    }

    /// <summary>
    /// Whether a string's name says that it holds the text of an SMTP reply: the configured pattern, or by
    /// default the integer test above plus names containing "smtp" and ending with "response"
    /// (<c>smtpReply</c>, <c>lastSmtpResponse</c>, but not <c>smtpLogLine</c> or <c>smtpServerVersion</c>).
    /// </summary>
    public bool MatchesText(string name) =>
        Matches(name)
        || (_pattern is null && name.IndexOf("smtp", StringComparison.OrdinalIgnoreCase) >= 0 && EndsWith(name, "response"));

    private static ReplyCodeNames Parse(string pattern)
    {
        try
        {
            return new ReplyCodeNames(new Regex(
                pattern,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromMilliseconds(50)));
        }
        catch (ArgumentException)
        {
            // An invalid pattern must not break the build: keep the default test.
            return Default;
        }
    }

    private static bool EndsWith(string name, string word) =>
        name.EndsWith(word, StringComparison.OrdinalIgnoreCase);
}
