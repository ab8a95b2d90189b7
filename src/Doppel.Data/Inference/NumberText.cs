using System.Globalization;

namespace Doppel.Data;

/// <summary>How numbers are recognised in cells: culture-invariant, surrounding spaces allowed, finite only.</summary>
internal static class NumberText
{
    /// <summary>
    /// Parses a finite number. <paramref name="isInteger"/> is true when the text is a whole number in the int64
    /// range without leading zeros (so <c>007</c>, a code, is not an integer and not a number either).
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> cell, out double value, out bool isInteger)
    {
        var text = cell.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && !HasLeadingZero(text))
        {
            value = whole;
            isInteger = true;
            return true;
        }

        isInteger = false;
        if (text.IsEmpty || IsDigits(text) || HasLeadingZero(text))
        {
            // An all-digit text that is not an int64 is too long for one; a leading-zero text is a code.
            value = 0;
            return false;
        }

        return TryParseDouble(text, out value);
    }

    /// <summary>
    /// Accepts exactly what <see cref="TryParseNumber"/> accepts, faster, for columns already known to hold real
    /// numbers: csFastFloat on the untrimmed text first, then the general path.
    /// </summary>
    public static bool TryParseReal(ReadOnlySpan<char> cell, out double value)
    {
        if (cell.Length is > 0 and < 19 && cell[0] > ' ' && !HasLeadingZero(cell)
            && csFastFloat.FastDoubleParser.TryParseDouble(cell, out var consumed, out value) && consumed == cell.Length)
        {
            return double.IsFinite(value);
        }

        return TryParseNumber(cell, out value, out _);
    }

    /// <summary>
    /// Parses a finite double, culture-invariant (<c>1234.5</c>, <c>-1e-3</c>), surrounding spaces allowed. The common
    /// case goes through csFastFloat (exact, several times faster than the runtime's parser); anything it does not
    /// consume whole falls back to <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        if (!text.IsEmpty && csFastFloat.FastDoubleParser.TryParseDouble(text, out var consumed, out value) && consumed == text.Length)
        {
            return double.IsFinite(value);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Parses a whole number in the int64 range: canonical, or with surrounding spaces, a plus sign or <c>-0</c>; never with leading zeros.</summary>
    public static bool TryParseAnyInteger(ReadOnlySpan<char> cell, out long value)
    {
        if (TryParseInteger(cell, out value))
        {
            return true;
        }

        var text = cell.Trim();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && !HasLeadingZero(text);
    }

    /// <summary>
    /// Parses a whole number in the int64 range written canonically, so that formatting it gives the same text back:
    /// digits with an optional minus sign, no plus sign, no leading zeros, no <c>-0</c>, no surrounding spaces.
    /// </summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var digits = text.Length > 0 && text[0] == '-' ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 19 || (digits[0] == '0' && (digits.Length > 1 || text.Length > 1)))
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (var c in digits)
        {
            var d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            magnitude = (magnitude * 10) + d;
        }

        // 19 digits cannot overflow ulong; the int64 range is checked here.
        if (digits.Length == text.Length)
        {
            value = (long)magnitude;
            return magnitude <= long.MaxValue;
        }

        value = -(long)magnitude;
        return magnitude <= (ulong)long.MaxValue + 1;
    }

    private static bool HasLeadingZero(ReadOnlySpan<char> text)
    {
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        return digits.Length > 1 && digits[0] == '0' && char.IsAsciiDigit(digits[1]);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
