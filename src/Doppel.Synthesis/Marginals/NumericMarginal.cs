using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// A continuous, integer or date-time column: the empirical quantile function (linear interpolation between
/// order statistics, stored as <c>knots</c> at evenly spaced probabilities), or a truncated parametric fit.
/// Integer and date-time values are rounded back to whole numbers (ticks); every value lies within the
/// observed range.
/// </summary>
internal sealed class NumericMarginal : ColumnMarginal
{
    private readonly double[] _knots;

    public NumericMarginal(ColumnKind kind, long missingCount, long observedCount, double[] knots, TruncatedDistribution? parametric)
    {
        if (observedCount > 0 && knots.Length == 0)
        {
            throw new ArgumentException("a column with observed values needs at least one knot", nameof(knots));
        }

        for (var i = 0; i < knots.Length; i++)
        {
            if (!double.IsFinite(knots[i]) || (i > 0 && knots[i] < knots[i - 1]))
            {
                throw new ArgumentException("knots must be finite and sorted", nameof(knots));
            }
        }

        Kind = kind;
        MissingCount = missingCount;
        ObservedCount = observedCount;
        _knots = knots;
        Parametric = parametric;
        MissingRate = missingCount + observedCount == 0 ? 1 : (double)missingCount / (missingCount + observedCount);
    }

    public ColumnKind Kind { get; }

    public long MissingCount { get; }

    public long ObservedCount { get; }

    public TruncatedDistribution? Parametric { get; }

    /// <summary>The stored quantile function (see <see cref="Quantile"/>).</summary>
    public ReadOnlySpan<double> Knots => _knots;

    public override double MissingRate { get; }

    /// <summary>Learns <paramref name="column"/>; <paramref name="knots"/> bounds the stored quantile function.</summary>
    /// <exception cref="SchemaException">A non-missing value is NaN or infinite.</exception>
    public static NumericMarginal Fit(Column column, int knots, bool parametric)
    {
        var sorted = ObservedValues(column);
        Array.Sort(sorted);
        var stored = sorted.Length <= knots ? sorted : Resample(sorted, knots);
        var family = parametric && sorted.Length > 1 && sorted[0] < sorted[^1] ? TruncatedDistribution.FitBest(sorted) : null;
        return new NumericMarginal(column.Kind, column.MissingCount, sorted.Length, stored, family);
    }

    /// <summary>The quantile function of the observed values at <paramref name="v"/> in [0, 1].</summary>
    public double Quantile(double v)
    {
        if (Parametric is not null)
        {
            return Math.Clamp(Parametric.Quantile(v), _knots[0], _knots[^1]);
        }

        if (_knots.Length == 1)
        {
            return _knots[0];
        }

        var h = Math.Clamp(v, 0, 1) * (_knots.Length - 1);
        var k = Math.Min((int)h, _knots.Length - 2);
        return _knots[k] + ((h - k) * (_knots[k + 1] - _knots[k]));
    }

    public override void ToUniform(Column column, Rng? jitter, Span<double> destination) => Scores(column, jitter, double.NaN, destination);

    public override void ToNormal(Column column, Rng? jitter, double margin, Span<double> destination)
    {
        if (jitter is not null || Parametric is not null)
        {
            base.ToNormal(column, jitter, margin, destination);
            return;
        }

        Scores(column, null, margin, destination);
    }

    /// <summary>Uniform scores, or with a finite <paramref name="margin"/> normal scores taken once per tie (midpoints only).</summary>
    private void Scores(Column column, Rng? jitter, double margin, Span<double> destination)
    {
        var normal = !double.IsNaN(margin);
        var m = MissingRate;
        var rows = column.Length;
        var observed = new List<int>(rows);
        for (var i = 0; i < rows; i++)
        {
            if (column.IsMissing(i))
            {
                destination[i] = normal ? NormalQuantile(0.5 * m, margin) : (jitter?.NextDouble() ?? 0.5) * m;
            }
            else
            {
                observed.Add(i);
            }
        }

        var values = new double[observed.Count];
        var order = observed.ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            values[i] = NumericValues.At(column, order[i]);
        }

        if (Parametric is not null)
        {
            for (var i = 0; i < order.Length; i++)
            {
                destination[order[i]] = m + ((1 - m) * Parametric.Cdf(values[i]));
            }

            return;
        }

        // Empirical CDF: a run of ties at sorted positions a..b owns [a, b + 1) / n; its rows get its midpoint or a uniform draw.
        Array.Sort(values, order);
        var n = (double)order.Length;
        for (var a = 0; a < order.Length;)
        {
            var b = a;
            while (b + 1 < order.Length && values[b + 1] == values[a])
            {
                b++;
            }

            var width = b - a + 1;
            var tie = normal ? NormalQuantile(m + ((1 - m) * (a + (0.5 * width)) / n), margin) : double.NaN;
            for (var i = a; i <= b; i++)
            {
                destination[order[i]] = normal ? tie : m + ((1 - m) * (a + ((jitter?.NextDouble() ?? 0.5) * width)) / n);
            }

            a = b + 1;
        }
    }

    public override Column FromUniform(ColumnSchema schema, ReadOnlySpan<double> u)
    {
        var rows = u.Length;
        var missing = MissingRate > 0 ? new bool[rows] : null;
        var values = new double[rows];
        var m = MissingRate;
        for (var i = 0; i < rows; i++)
        {
            if (u[i] < m || ObservedCount == 0)
            {
                missing![i] = true;
                continue;
            }

            values[i] = Quantile((u[i] - m) / (1 - m));
        }

        return Kind switch
        {
            ColumnKind.Continuous => new NumericColumn(schema.Name, values, missing),
            ColumnKind.Integer => new IntegerColumn(schema.Name, Round(values, missing), missing),
            ColumnKind.DateTime => new DateTimeColumn(schema.Name, Round(values, missing), missing, schema.Format),
            _ => throw new InvalidOperationException($"a numeric marginal cannot make a {Kind} column"),
        };
    }

    public override MarginalEntry Describe(ModelWriter writer, int index)
    {
        writer.WriteDoubles(string.Create(CultureInfo.InvariantCulture, $"knots/{index}"), _knots);
        return new MarginalEntry(
            "numeric",
            MissingCount,
            ObservedCount,
            [],
            [],
            Parametric?.Family,
            Parametric is null ? [] : [.. Parametric.Parameters],
            []);
    }

    /// <summary>Rebuilds the marginal from its stored description.</summary>
    public static NumericMarginal Read(ModelReader reader, int index, ColumnKind kind, MarginalEntry entry)
    {
        var knots = reader.ReadDoubles(string.Create(CultureInfo.InvariantCulture, $"knots/{index}"));
        var parametric = entry.Family is null ? null : TruncatedDistribution.Create(entry.Family, [.. entry.Parameters]);
        return new NumericMarginal(kind, entry.MissingCount, entry.ObservedCount, knots, parametric);
    }

    private static double[] ObservedValues(Column column)
    {
        var values = new double[column.Length - column.MissingCount];
        var k = 0;
        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsMissing(i))
            {
                continue;
            }

            var x = NumericValues.At(column, i);
            if (!double.IsFinite(x))
            {
                throw new SchemaException(column.Name, $"row {i + 1} holds {x.ToString(CultureInfo.InvariantCulture)}; numeric values must be finite (mark it missing instead).");
            }

            values[k++] = x;
        }

        return values;
    }

    /// <summary>The empirical quantile function of <paramref name="sorted"/> at <paramref name="count"/> evenly spaced probabilities.</summary>
    private static double[] Resample(double[] sorted, int count)
    {
        var knots = new double[count];
        for (var j = 0; j < count; j++)
        {
            var h = (double)j * (sorted.Length - 1) / (count - 1);
            var k = Math.Min((int)h, sorted.Length - 2);
            knots[j] = sorted[k] + ((h - k) * (sorted[k + 1] - sorted[k]));
        }

        return knots;
    }

    private static long[] Round(double[] values, bool[]? missing)
    {
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = missing is not null && missing[i] ? 0 : (long)Math.Round(values[i], MidpointRounding.ToEven);
        }

        return result;
    }
}
