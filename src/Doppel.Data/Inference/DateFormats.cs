using System.Collections.Immutable;
using System.Globalization;

namespace Doppel.Data;

/// <summary>
/// The date and date-time layouts that inference recognises, in order of preference. A column is a date column
/// when every value parses with one layout and formats back to exactly the same text, so writing restores it.
/// When two layouts both fit (every day at most 12), the earlier one wins: day-first before month-first.
/// </summary>
internal static class DateFormats
{
    /// <summary>The candidate layouts (.NET custom formats), at most 32 of them so a bit mask can track survivors.</summary>
    public static ImmutableArray<string> All { get; } = Build();

    /// <summary>A mask with one bit set per candidate.</summary>
    public static uint AllMask => All.Length == 32 ? uint.MaxValue : (1u << All.Length) - 1;

    /// <summary>Clears from <paramref name="mask"/> every layout that does not reproduce <paramref name="text"/> exactly.</summary>
    public static uint Filter(uint mask, ReadOnlySpan<char> text)
    {
        if (text.Length is < 8 or > 33 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]) && text[^1] != 'Z')
        {
            return 0;
        }

        Span<char> buffer = stackalloc char[64];
        for (var k = 0; mask >> k != 0; k++)
        {
            if ((mask & (1u << k)) == 0)
            {
                continue;
            }

            if (!TryParse(text, All[k], out var value)
                || !value.TryFormat(buffer, out var written, All[k], CultureInfo.InvariantCulture)
                || !buffer[..written].SequenceEqual(text))
            {
                mask &= ~(1u << k);
            }
        }

        return mask;
    }

    /// <summary>Parses <paramref name="text"/> with exactly <paramref name="format"/> (null = ISO 8601 round-trip).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, string? format, out DateTime value) =>
        format is null
            ? DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value)
            : DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static ImmutableArray<string> Build()
    {
        string[] dates = ["yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "MM-dd-yyyy"];
        string[] isoTimes = ["'T'HH:mm:ss", "'T'HH:mm:ss.fff", "'T'HH:mm:ss'Z'", "'T'HH:mm:ss.fff'Z'", "'T'HH:mm", " HH:mm:ss", " HH:mm:ss.fff", " HH:mm"];
        var all = ImmutableArray.CreateBuilder<string>();
        all.AddRange(dates);
        foreach (var time in isoTimes)
        {
            all.Add("yyyy-MM-dd" + time);
        }

        foreach (var date in dates.Skip(1))
        {
            all.Add(date + " HH:mm:ss");
            all.Add(date + " HH:mm");
        }

        return all.ToImmutable();
    }
}
