using System.Collections.Generic;
using System.Collections.Immutable;

namespace SmtpAnalyzers.Catalog;

/// <summary>
/// The single source of truth for SMTP reply codes: diagnostic messages, the generated
/// <c>SmtpReplyCodes</c> constants and the docs are all produced from these entries.
/// </summary>
internal static partial class ReplyCatalog
{
    /// <summary>Every reply code, in ascending order.</summary>
    public static ImmutableArray<ReplyCode> All { get; } = CreateEntries();

    /// <summary>Every reply code is below this value.</summary>
    public const int ValueLimit = 600;

    // Declared after All: static initializers of one file run in textual order.
    private static readonly ReplyCode?[] ByValue = Index(All);

    /// <summary>The catalog entry for <paramref name="value"/>, or null when it is not a known reply code.</summary>
    public static ReplyCode? Find(int value) =>
        value >= 0 && value < ByValue.Length ? ByValue[value] : null;

    /// <summary>The entry whose constant is named <paramref name="name"/>, or null.</summary>
    public static ReplyCode? FindByName(string name)
    {
        foreach (var code in All)
        {
            if (code.Name == name)
            {
                return code;
            }
        }

        return null;
    }

    /// <summary>
    /// Reply codes a mistyped value was probably meant to be: one digit too many (5501 for 550 or 501)
    /// or two neighbouring digits swapped (405 for 450). Ascending, without repeats.
    /// </summary>
    public static ImmutableArray<ReplyCode> LookAlikes(int value)
    {
        var digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var found = new SortedDictionary<int, ReplyCode>();
        for (var i = 0; i < digits.Length; i++)
        {
            if (digits.Length == 4)
            {
                Add(digits.Remove(i, 1));
            }
            else if (digits.Length == 3 && i + 1 < digits.Length)
            {
                Add(digits.Substring(0, i) + digits[i + 1] + digits[i] + digits.Substring(i + 2));
            }
        }

        return found.Values.ToImmutableArray();

        void Add(string candidate)
        {
            if (candidate[0] != '0' && Find(int.Parse(candidate, System.Globalization.CultureInfo.InvariantCulture)) is { } code)
            {
                found[code.Value] = code;
            }
        }
    }

    private static ReplyCode?[] Index(ImmutableArray<ReplyCode> entries)
    {
        var byValue = new ReplyCode?[ValueLimit];
        foreach (var entry in entries)
        {
            byValue[entry.Value] = entry;
        }

        return byValue;
    }
}
