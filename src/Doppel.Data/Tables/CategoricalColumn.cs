using System.Collections.Immutable;

namespace Doppel.Data;

/// <summary>
/// A dictionary-coded column of labels (<see cref="ColumnKind.Categorical"/>). Labels are kept verbatim,
/// leading spaces included. Missing rows hold code -1.
/// </summary>
public sealed class CategoricalColumn : Column
{
    /// <summary>Creates the column from codes into <paramref name="categories"/>; code -1 marks a missing row.</summary>
    public CategoricalColumn(string name, int[] codes, ImmutableArray<string> categories)
        : base(name, codes.Length, MaskOf(codes))
    {
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] < -1 || codes[i] >= categories.Length)
            {
                throw new ArgumentException($"code {codes[i]} at row {i} is outside 0..{categories.Length - 1}", nameof(codes));
            }
        }

        Codes = codes;
        Categories = categories;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Categorical;

    /// <summary>The code of each row (-1 when missing). Do not write to it.</summary>
    public int[] Codes { get; }

    /// <summary>The labels, indexed by code.</summary>
    public ImmutableArray<string> Categories { get; }

    /// <summary>Builds a column from labels (null = missing), categories in order of first appearance.</summary>
    public static CategoricalColumn FromLabels(string name, IReadOnlyList<string?> labels)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = ImmutableArray.CreateBuilder<string>();
        var codes = new int[labels.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var label = labels[i];
            if (label is null)
            {
                codes[i] = -1;
                continue;
            }

            if (!index.TryGetValue(label, out var code))
            {
                code = categories.Count;
                index.Add(label, code);
                categories.Add(label);
            }

            codes[i] = code;
        }

        return new CategoricalColumn(name, codes, categories.ToImmutable());
    }

    /// <summary>The count of rows holding each code (missing rows are not counted).</summary>
    public long[] Counts()
    {
        var counts = new long[Categories.Length];
        foreach (var code in Codes)
        {
            if (code >= 0)
            {
                counts[code]++;
            }
        }

        return counts;
    }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows) => new CategoricalColumn(Name, Gather(Codes, rows), Categories);

    /// <inheritdoc />
    public override Column WithName(string name) => new CategoricalColumn(name, Codes, Categories);

    /// <inheritdoc />
    public override string? FormatValue(int row) => Codes[row] < 0 ? null : Categories[Codes[row]];

    private static bool[]? MaskOf(int[] codes)
    {
        if (!codes.AsSpan().Contains(-1))
        {
            return null;
        }

        var mask = new bool[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            mask[i] = codes[i] < 0;
        }

        return mask;
    }
}
