using Doppel.Data;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>
/// Mode-specific normalisation of a numeric column (continuous, integer, or datetime as ticks), as in CTGAN
/// (Xu et al., 2019, §4.2): a Bayesian Gaussian mixture finds the column's modes; a value x becomes the one-hot of
/// a mode k drawn from its responsibilities plus the scalar (x − μ_k) / (4 σ_k), clipped. Layout:
/// <c>[scalar][mode 1 .. mode K][missing]</c>, the missing slot only when the training rows had missing values;
/// a missing row has scalar 0 and the missing slot set. Decoding takes the arg-max slot, and clips the value to the
/// training range (integers and ticks rounded).
/// </summary>
internal sealed class NumericEncoder : ColumnEncoder
{
    /// <summary>The share of a mode's rows one value must hold for the mode to decode to that value.</summary>
    private const double AtomShare = 0.99;

    private readonly DataTransformerOptions _options;
    private readonly ColumnState _state;
    private readonly double[] _stds;

    private NumericEncoder(ColumnSchema schema, DataTransformerOptions options, ColumnState state)
    {
        Schema = schema;
        _options = options;
        _state = state;
        _stds = [.. state.Variances.Select(Math.Sqrt)];
    }

    /// <inheritdoc />
    public override ColumnSchema Schema { get; }

    /// <summary>The kept modes.</summary>
    public int Modes => _state.Means.Length;

    /// <inheritdoc />
    public override int Width => 1 + Modes + (_state.HasMissing ? 1 : 0);

    /// <summary>Fits the mixture to the finite values of <paramref name="column"/>.</summary>
    public static NumericEncoder Fit(Column column, ColumnSchema schema, DataTransformerOptions options, Rng rng)
    {
        var values = NumericValues.ToArray(column);
        var finite = values.Where(double.IsFinite).ToArray();
        var hasMissing = finite.Length < values.Length;
        var sample = finite;
        if (finite.Length > options.MaxFitRows)
        {
            // A partial Fisher-Yates shuffle: the first MaxFitRows entries are a uniform subsample.
            var sampler = rng.Fork("subsample");
            sample = (double[])finite.Clone();
            for (var i = 0; i < options.MaxFitRows; i++)
            {
                var j = i + sampler.Next(sample.Length - i);
                (sample[i], sample[j]) = (sample[j], sample[i]);
            }

            sample = sample[..options.MaxFitRows];
        }

        // A column with no value at all gets no mode: its softmax holds only the missing slot.
        var mixture = finite.Length == 0
            ? new BayesianGaussianMixture.Result([], [], [], [], 0)
            : BayesianGaussianMixture.Fit(sample, options, options.WeightThreshold, rng.Fork("mixture"));
        var state = new ColumnState
        {
            Name = schema.Name,
            Role = "numeric",
            HasMissing = hasMissing,
            Min = finite.Length == 0 ? 0 : finite.Min(),
            Max = finite.Length == 0 ? 0 : finite.Max(),
            Weights = mixture.Weights,
            Means = mixture.Means,
            Variances = mixture.Variances,
            LogOffsets = mixture.LogOffsets,
        };
        return new NumericEncoder(schema, options, state with { Atoms = Atoms(sample, state) });
    }

    /// <summary>
    /// Per mode, the value that makes up at least <see cref="AtomShare"/> of the rows whose most responsible mode it
    /// is, or NaN. Such a mode is a spike (the zeros of a capital-gain column): its fitted variance comes mostly from
    /// the prior, so decoding mean + scalar · 4σ would smear the spike over nearby values. It decodes to the value itself.
    /// </summary>
    private static double[] Atoms(double[] values, ColumnState state)
    {
        var k = state.Means.Length;
        var counts = Enumerable.Range(0, k).Select(_ => new Dictionary<double, int>()).ToArray();
        foreach (var x in values)
        {
            var best = 0;
            var bestLog = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                var d = x - state.Means[c];
                var log = state.LogOffsets[c] - (0.5 * d * d / state.Variances[c]);
                if (log > bestLog)
                {
                    (best, bestLog) = (c, log);
                }
            }

            counts[best][x] = counts[best].GetValueOrDefault(x) + 1;
        }

        return [.. counts.Select(m => m.Count > 0 && m.Values.Max() >= AtomShare * m.Values.Sum()
            ? m.MaxBy(p => (p.Value, -p.Key)).Key
            : double.NaN)];
    }

    /// <summary>Rebuilds the encoder from its stored state.</summary>
    public static NumericEncoder FromState(ColumnSchema schema, DataTransformerOptions options, ColumnState state) => new(schema, options, state);

    /// <inheritdoc />
    public override IEnumerable<OutputSpan> Spans(int offset) =>
    [
        new OutputSpan(offset, 1, SpanKind.Scalar, Schema.Name),
        new OutputSpan(offset + 1, Width - 1, SpanKind.Softmax, Schema.Name),
    ];

    /// <inheritdoc />
    public override ColumnState State() => _state;

    /// <inheritdoc />
    public override void Encode(Column column, Span<float> encoded, int stride, int offset, Rng rng)
    {
        var k = Modes;
        Span<double> logP = stackalloc double[k];
        Span<double> p = stackalloc double[k];
        for (var i = 0; i < column.Length; i++)
        {
            var row = encoded.Slice((i * stride) + offset, Width);
            row.Clear();
            var x = column.IsMissing(i) ? double.NaN : NumericValues.At(column, i);
            if (!double.IsFinite(x))
            {
                if (!_state.HasMissing)
                {
                    throw new SchemaException(Schema.Name, $"row {i} is missing, but the training rows had no missing values");
                }

                row[^1] = 1;
                continue;
            }

            // Responsibilities over the kept modes, floored at 1e-6 as the reference, then one draw.
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                var d = x - _state.Means[c];
                logP[c] = _state.LogOffsets[c] - (0.5 * d * d / _state.Variances[c]);
                max = Math.Max(max, logP[c]);
            }

            // A spike's mode takes only the spike's value (unless no other mode is left), so every value decodes back.
            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                p[c] = IsOtherAtom(c, x) ? 0 : Math.Exp(logP[c] - max) + 1e-6;
                sum += p[c];
            }

            if (sum == 0)
            {
                for (var c = 0; c < k; c++)
                {
                    p[c] = Math.Exp(logP[c] - max) + 1e-6;
                    sum += p[c];
                }
            }

            var u = rng.NextDouble() * sum;
            var mode = 0;
            for (; mode < k - 1; mode++)
            {
                u -= p[mode];
                if (u < 0)
                {
                    break;
                }
            }

            var scalar = (x - _state.Means[mode]) / (_options.StdMultiplier * _stds[mode]);
            row[0] = (float)Math.Clamp(scalar, -_options.ScalarLimit, _options.ScalarLimit);
            row[1 + mode] = 1;
        }
    }

    /// <inheritdoc />
    public override Column Decode(ReadOnlySpan<float> encoded, int rows, int stride, int offset)
    {
        var values = new double[rows];
        bool[]? missing = null;
        for (var i = 0; i < rows; i++)
        {
            var row = encoded.Slice((i * stride) + offset, Width);
            var slot = ArgMax(row[1..]);
            if (slot == Modes)
            {
                missing ??= new bool[rows];
                missing[i] = true;
                continue;
            }

            var scalar = Math.Clamp(row[0], -1.0, 1.0);
            var x = _state.Atoms.Length > slot && !double.IsNaN(_state.Atoms[slot]) ? _state.Atoms[slot]
                : (scalar * _options.StdMultiplier * _stds[slot]) + _state.Means[slot];
            values[i] = Math.Clamp(x, _state.Min, _state.Max);
        }

        return Schema.Kind switch
        {
            ColumnKind.Continuous => new NumericColumn(Schema.Name, values, missing),
            ColumnKind.Integer => new IntegerColumn(Schema.Name, Round(values), missing),
            ColumnKind.DateTime => new DateTimeColumn(Schema.Name, Round(values), missing, Schema.Format),
            _ => throw new InvalidOperationException($"column '{Schema.Name}' is {Schema.Kind}, not numeric"),
        };
    }

    private bool IsOtherAtom(int mode, double x) => _state.Atoms.Length > mode && !double.IsNaN(_state.Atoms[mode]) && _state.Atoms[mode] != x;

    private static long[] Round(double[] values) => [.. values.Select(v => (long)Math.Round(v, MidpointRounding.ToEven))];
}
