using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// A categorical or boolean column: each label (and "missing", when it occurs) owns an interval of the uniform
/// scale as wide as its share of the training rows, in a given order (by default the most frequent first). A score
/// is a uniform draw within the row's interval; a point maps back to the label whose interval holds it.
/// </summary>
internal sealed class DiscreteMarginal : ColumnMarginal
{
    private const int MissingSlot = -1;

    private readonly int[] _slotCode;
    private readonly double[] _slotStart;
    private readonly double[] _slotStartNormal;
    private readonly double[] _codeStart;
    private readonly double[] _codeWidth;

    /// <param name="kind">Categorical or Boolean.</param>
    /// <param name="labels">The labels by code (boolean: false, true).</param>
    /// <param name="counts">Training rows per code.</param>
    /// <param name="missingCount">Missing training rows.</param>
    /// <param name="order">The codes whose rows occur (and -1 for missing, when any is), in interval order; empty = by decreasing frequency.</param>
    public DiscreteMarginal(ColumnKind kind, ImmutableArray<string> labels, ImmutableArray<long> counts, long missingCount, ImmutableArray<int> order = default)
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
        if (!order.IsDefaultOrEmpty)
        {
            if (!order.Order().SequenceEqual(slots.Select(s => s.Code).Order()))
            {
                throw new ArgumentException("the order must list each occurring code (and -1 for missing) once", nameof(order));
            }

            var count = slots.ToDictionary(s => s.Code, s => s.Count);
            slots = [.. order.Select(c => (Code: c, Count: count[c]))];
        }

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

        // The interval starts on the normal scale, so sampling a copula can compare normal draws directly.
        _slotStartNormal = [.. _slotStart.Select(u => u <= 0 ? double.NegativeInfinity : MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Math.Min(u, 1)))];
    }

    public ColumnKind Kind { get; }

    /// <summary>The codes in interval order (-1 for missing).</summary>
    public ImmutableArray<int> Order => [.. _slotCode];

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

    /// <summary>The same marginal with its intervals in <paramref name="order"/> (codes, -1 for missing).</summary>
    public DiscreteMarginal WithOrder(ImmutableArray<int> order) => new(Kind, Labels, Counts, MissingCount, order);

    /// <summary>The code of every row of <paramref name="column"/>, with <see cref="Labels"/>.Length for missing rows.</summary>
    public int[] Indices(Column column)
    {
        var indices = new int[column.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = column.IsMissing(i) ? Labels.Length : CodeAt(column, i);
        }

        return indices;
    }

    public override void ToNormal(Column column, Rng? jitter, double margin, Span<double> destination)
    {
        if (jitter is not null)
        {
            base.ToNormal(column, jitter, margin, destination);
            return;
        }

        // Every row of a category sits at the category's midpoint: one Φ⁻¹ per category.
        var z = new double[_codeStart.Length];
        for (var k = 0; k < z.Length; k++)
        {
            z[k] = NormalQuantile(_codeStart[k] + (0.5 * _codeWidth[k]), margin);
        }

        for (var i = 0; i < column.Length; i++)
        {
            destination[i] = z[column.IsMissing(i) ? Labels.Length : CodeAt(column, i)];
        }
    }

    public override void ToUniform(Column column, Rng? jitter, Span<double> destination)
    {
        for (var i = 0; i < column.Length; i++)
        {
            var index = column.IsMissing(i) ? Labels.Length : CodeAt(column, i);
            destination[i] = _codeStart[index] + ((jitter?.NextDouble() ?? 0.5) * _codeWidth[index]);
        }
    }

    public override Column FromUniform(ColumnSchema schema, ReadOnlySpan<double> u)
    {
        var codes = new int[u.Length];
        for (var i = 0; i < u.Length; i++)
        {
            codes[i] = SlotCode(_slotStart, u[i]);
        }

        return FromCodes(schema, codes);
    }

    /// <summary>Compares the normal points with the interval starts mapped to the normal scale: no Φ per row.</summary>
    public override Column FromNormal(ColumnSchema schema, Span<double> y)
    {
        var codes = new int[y.Length];
        for (var i = 0; i < y.Length; i++)
        {
            codes[i] = SlotCode(_slotStartNormal, y[i]);
        }

        return FromCodes(schema, codes);
    }

    private Column FromCodes(ColumnSchema schema, int[] codes)
    {
        if (Kind == ColumnKind.Categorical)
        {
            return new CategoricalColumn(schema.Name, codes, Labels);
        }

        var values = new bool[codes.Length];
        var missing = MissingRate > 0 ? new bool[codes.Length] : null;
        for (var i = 0; i < codes.Length; i++)
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
        new("discrete", MissingCount, Counts.Sum(), Labels, Counts, null, [], Order);

    /// <summary>The code whose interval (starting at <paramref name="starts"/>) holds <paramref name="point"/> (-1 for missing).</summary>
    private int SlotCode(double[] starts, double point)
    {
        var s = starts.AsSpan().BinarySearch(point);
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
