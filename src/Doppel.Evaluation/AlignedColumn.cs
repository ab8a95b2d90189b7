using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>How a column takes part in the evaluation.</summary>
internal enum FeatureKind
{
    /// <summary>Compared as numbers (continuous, integer, date-time as days).</summary>
    Numeric,

    /// <summary>Compared as labels (categorical, boolean).</summary>
    Discrete,

    /// <summary>Not compared (identifiers): regenerated, never learned.</summary>
    Skipped,
}

/// <summary>
/// One column of the real, synthetic and (optional) holdout tables in a shared representation: numbers as
/// float64 with NaN for missing, labels as codes into one merged dictionary with -1 for missing.
/// </summary>
internal sealed class AlignedColumn
{
    /// <summary>Index of the real table in the per-table arrays.</summary>
    public const int Real = 0;

    /// <summary>Index of the synthetic table.</summary>
    public const int Synthetic = 1;

    /// <summary>Index of the holdout table (absent when there is none).</summary>
    public const int Holdout = 2;

    public AlignedColumn(string name, ColumnKind kind, FeatureKind feature, double[][]? numbers, int[][]? codes, ImmutableArray<string> categories)
    {
        Name = name;
        Kind = kind;
        Feature = feature;
        Numbers = numbers;
        Codes = codes;
        Categories = categories;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    public FeatureKind Feature { get; }

    /// <summary>Per table (real, synthetic, holdout): values with NaN for missing; null unless numeric.</summary>
    public double[][]? Numbers { get; }

    /// <summary>Per table: codes into <see cref="Categories"/>, -1 for missing; null unless discrete.</summary>
    public int[][]? Codes { get; }

    /// <summary>The merged labels: the real table's first, then labels seen only in later tables.</summary>
    public ImmutableArray<string> Categories { get; }

    public int TableCount => Numbers?.Length ?? Codes?.Length ?? 0;

    /// <summary>The non-missing values of table <paramref name="table"/>, sorted ascending.</summary>
    public double[] SortedPresent(int table)
    {
        var values = Numbers![table];
        var present = new double[values.Length - CountMissing(table)];
        var j = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                present[j++] = v;
            }
        }

        Array.Sort(present);
        return present;
    }

    /// <summary>The count of each category in table <paramref name="table"/> (missing rows not counted).</summary>
    public long[] Counts(int table)
    {
        var counts = new long[Categories.Length];
        foreach (var c in Codes![table])
        {
            if (c >= 0)
            {
                counts[c]++;
            }
        }

        return counts;
    }

    /// <summary>The number of missing rows in table <paramref name="table"/>.</summary>
    public int CountMissing(int table)
    {
        var missing = 0;
        if (Numbers is not null)
        {
            foreach (var v in Numbers[table])
            {
                missing += double.IsNaN(v) ? 1 : 0;
            }
        }
        else if (Codes is not null)
        {
            foreach (var c in Codes[table])
            {
                missing += c < 0 ? 1 : 0;
            }
        }

        return missing;
    }

    /// <summary>Whether row <paramref name="row"/> of table <paramref name="table"/> is missing.</summary>
    public bool IsMissing(int table, int row) =>
        Numbers is not null ? double.IsNaN(Numbers[table][row]) : Codes is null || Codes[table][row] < 0;
}
