using System.Globalization;

namespace Doppel.Data;

/// <summary>
/// What one pass over a column's cells learns for schema inference, in bounded memory: which kinds every value fits,
/// and the distinct values up to <see cref="SchemaInference.DistinctCap"/> (numbers as numbers, other text as strings).
/// Cells are given as spans; a string is allocated only for a new distinct non-numeric value below the cap.
/// </summary>
internal sealed class ColumnProfile
{
    private readonly HashSet<double> _numbers = [];
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _textLookup;

    /// <summary>Starts an empty profile of the column called <paramref name="name"/>.</summary>
    public ColumnProfile(string name)
    {
        Name = name;
        _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The number of missing cells.</summary>
    public long MissingCount { get; private set; }

    /// <summary>The number of cells holding a value.</summary>
    public long ValueCount { get; private set; }

    /// <summary>Whether every value is a whole number in the int64 range written without leading zeros.</summary>
    public bool AllIntegers { get; private set; } = true;

    /// <summary>Whether every value is a finite number.</summary>
    public bool AllNumbers { get; private set; } = true;

    /// <summary>The <see cref="DateFormats.All"/> layouts that reproduce every value so far, as a bit mask.</summary>
    public uint DateMask { get; private set; } = DateFormats.AllMask;

    /// <summary>Whether more than <see cref="SchemaInference.DistinctCap"/> distinct values were seen, so counting stopped.</summary>
    public bool DistinctOverflow { get; private set; }

    /// <summary>The number of distinct values (numbers and texts), exact unless <see cref="DistinctOverflow"/>.</summary>
    public int DistinctCount => _numbers.Count + _texts.Count;

    /// <summary>The distinct non-numeric texts seen (all of them unless <see cref="DistinctOverflow"/>).</summary>
    public IReadOnlyCollection<string> Texts => _texts;

    /// <summary>The distinct numbers seen (all of them unless <see cref="DistinctOverflow"/>).</summary>
    public IReadOnlyCollection<double> Numbers => _numbers;

    /// <summary>Counts a missing cell.</summary>
    public void AddMissing() => MissingCount++;

    /// <summary>Learns from one value (a cell that is not missing), given verbatim.</summary>
    public void Add(ReadOnlySpan<char> cell)
    {
        ValueCount++;
        if (AllNumbers && NumberText.TryParseNumber(cell, out var number, out var isInteger))
        {
            AllIntegers &= isInteger;
            AddDistinct(number);
        }
        else
        {
            AllNumbers = false;
            AllIntegers = false;
            AddDistinct(cell);
        }

        if (DateMask != 0)
        {
            DateMask = DateFormats.Filter(DateMask, cell);
        }
    }

    private void AddDistinct(double number)
    {
        if (!DistinctOverflow && _numbers.Add(number))
        {
            CheckCap();
        }
    }

    private void AddDistinct(ReadOnlySpan<char> text)
    {
        if (!DistinctOverflow && !_textLookup.Contains(text))
        {
            _texts.Add(text.ToString());
            CheckCap();
        }
    }

    private void CheckCap()
    {
        if (DistinctCount > SchemaInference.DistinctCap)
        {
            // Past the cap the exact count no longer matters (the column is an identifier), so free the sets.
            DistinctOverflow = true;
            _numbers.Clear();
            _numbers.TrimExcess();
            _texts.Clear();
            _texts.TrimExcess();
        }
    }
}

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
        if (TryParseInteger(text, out var whole))
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

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Parses a whole number in the int64 range, without leading zeros, from trimmed text.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && !HasLeadingZero(text);

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
