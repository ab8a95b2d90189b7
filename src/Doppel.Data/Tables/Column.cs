namespace Doppel.Data;

/// <summary>
/// One typed column of a <see cref="Table"/>: a name, values and a missing-value mask.
/// Columns are immutable once built; the arrays they expose must not be written to.
/// </summary>
public abstract class Column
{
    private readonly bool[]? _missing;

    /// <summary>Creates the column; a mask with no true entry is dropped.</summary>
    private protected Column(string name, int length, bool[]? missing)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (missing is not null && missing.Length != length)
        {
            throw new ArgumentException($"mask length {missing.Length} differs from column length {length}", nameof(missing));
        }

        Name = name;
        Length = length;
        MissingCount = missing is null ? 0 : missing.AsSpan().Count(true);
        _missing = MissingCount == 0 ? null : missing;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>How the column is modelled.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>The number of missing rows.</summary>
    public int MissingCount { get; }

    /// <summary>Whether any row is missing.</summary>
    public bool HasMissing => _missing is not null;

    /// <summary>The missing mask (true = missing), or an empty span when nothing is missing.</summary>
    public ReadOnlySpan<bool> Missing => _missing;

    /// <summary>The mask array itself, or null when nothing is missing (for builders that share it).</summary>
    internal bool[]? MissingArray => _missing;

    /// <summary>Whether row <paramref name="row"/> is missing.</summary>
    public bool IsMissing(int row) => _missing is not null && _missing[row];

    /// <summary>The rows at <paramref name="rows"/>, in that order (rows may repeat).</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract Column WithName(string name);

    /// <summary>The value of row <paramref name="row"/> as text, as a writer would write it (null when missing).</summary>
    public abstract string? FormatValue(int row);

    /// <summary>Gathers the mask for <paramref name="rows"/>.</summary>
    private protected bool[]? TakeMissing(ReadOnlySpan<int> rows)
    {
        if (_missing is null)
        {
            return null;
        }

        var result = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = _missing[rows[i]];
        }

        return result;
    }

    /// <summary>Gathers <paramref name="values"/> at <paramref name="rows"/>.</summary>
    private protected static T[] Gather<T>(T[] values, ReadOnlySpan<int> rows)
    {
        var result = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }

        return result;
    }
}
