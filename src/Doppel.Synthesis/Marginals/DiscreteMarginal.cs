using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// A categorical or boolean column: each label (and "missing", when it occurs) owns an interval of the uniform
/// scale as wide as its share of the training rows, the most frequent first. A score is a uniform draw within
/// the row's interval; a point maps back to the label whose interval holds it.
/// </summary>
internal sealed class DiscreteMarginal : ColumnMarginal
{
    private const int MissingSlot = -1;

    private readonly int[] _slotCode;
    private readonly double[] _slotStart;
    private readonly double[] _codeStart;
    private readonly double[] _codeWidth;

    public DiscreteMarginal(ColumnKind kind, ImmutableArray<string> labels, ImmutableArray<long> counts, long missingCount)
    {
        if (labels.Length != counts.Length || counts.Any(c => c < 0) || missingCount < 0)
        {
            throw new ArgumentException("labels and non-negative counts must pair up", nameof(counts));
        }

        if (kind == ColumnKind.Boolean && labels.Length != 2)
        {
            throw new ArgumentException("a boolean column has two labels (false, true)", nameof(labels));
        }

        Kind = kind;
        Labels = labels;
        Counts = counts;
        MissingCount = missingCount;
        var total = counts.Sum() + missingCount;
        MissingRate = total == 0 ? 1 : (double)missingCount / total;

        // Slots in order of decreasing frequency; ties keep code order, missing last.
        var slots = Enumerable.Range(0, labels.Length).Where(c => counts[c] > 0)
            .Select(c => (Code: c, Count: counts[c]))
            .Append((Code: MissingSlot, Count: total == 0 ? 1 : missingCount))
            .Where(s => s.Count > 0)
            .OrderByDescending(s => s.Count)
            .ThenBy(s => s.Code == MissingSlot ? int.MaxValue : s.Code)
            .ToArray();
        var denominator = (double)Math.Max(total, 1);
        _slotCode = [.. slots.Select(s => s.Code)];
        _slotStart = new double[slots.Length];
        _codeStart = new double[labels.Length + 1];
        _codeWidth = new double[labels.Length + 1];
        double start = 0;
        for (var s = 0; s < slots.Length; s++)
        {
            _slotStart[s] = start;
            var width = slots[s].Count / denominator;
            var index = slots[s].Code == MissingSlot ? labels.Length : slots[s].Code;
            _codeStart[index] = start;
            _codeWidth[index] = width;
            start += width;
        }
    }

    public ColumnKind Kind { get; }

    public ImmutableArray<string> Labels { get; }

    public ImmutableArray<long> Counts { get; }

    public long MissingCount { get; }

    public override double MissingRate { get; }

    public static DiscreteMarginal Fit(Column column)
    {
        switch (column)
        {
            case CategoricalColumn c:
                return new DiscreteMarginal(ColumnKind.Categorical, c.Categories, [.. c.Counts()], c.MissingCount);
            case BooleanColumn b:
                long trues = 0;
                for (var i = 0; i < b.Length; i++)
                {
                    trues += !b.IsMissing(i) && b.Values[i] ? 1 : 0;
                }

                return new DiscreteMarginal(ColumnKind.Boolean, [b.FalseText, b.TrueText], [b.Length - b.MissingCount - trues, trues], b.MissingCount);
            default:
                throw new ArgumentException($"column '{column.Name}' is {column.Kind}, not discrete", nameof(column));
        }
    }

    public override void ToUniform(Column column, Rng rng, Span<double> destination)
    {
        for (var i = 0; i < column.Length; i++)
        {
            var index = column.IsMissing(i) ? Labels.Length : CodeAt(column, i);
            destination[i] = _codeStart[index] + (rng.NextDouble() * _codeWidth[index]);
        }
    }

    public override Column FromUniform(ColumnSchema schema, ReadOnlySpan<double> u)
    {
        var codes = new int[u.Length];
        for (var i = 0; i < u.Length; i++)
        {
            codes[i] = SlotCode(u[i]);
        }

        if (Kind == ColumnKind.Categorical)
        {
            return new CategoricalColumn(schema.Name, codes, Labels);
        }

        var values = new bool[u.Length];
        var missing = MissingRate > 0 ? new bool[u.Length] : null;
        for (var i = 0; i < u.Length; i++)
        {
            values[i] = codes[i] == 1;
            if (codes[i] < 0)
            {
                missing![i] = true;
            }
        }

        return new BooleanColumn(schema.Name, values, missing, Labels[1], Labels[0]);
    }

    public override MarginalEntry Describe(ModelWriter writer, int index) =>
        new("discrete", MissingCount, Counts.Sum(), Labels, Counts, null, []);

    /// <summary>The code whose interval holds <paramref name="u"/> (-1 for missing).</summary>
    private int SlotCode(double u)
    {
        var s = Array.BinarySearch(_slotStart, u);
        s = s >= 0 ? s : Math.Max(0, ~s - 1);
        return _slotCode[s];
    }

    private static int CodeAt(Column column, int row) => column switch
    {
        CategoricalColumn c => c.Codes[row],
        BooleanColumn b => b.Values[row] ? 1 : 0,
        _ => throw new ArgumentException($"column '{column.Name}' is not discrete", nameof(column)),
    };
}
