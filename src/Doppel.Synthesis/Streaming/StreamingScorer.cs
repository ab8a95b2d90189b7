using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// Uniform scores of a batch's cells from already learned marginals, so the copula's correlation can be estimated
/// batch by batch: a numeric value goes through the marginal's CDF (the inverse of its interpolated quantile
/// function, or the parametric CDF), a value tied with a run of knots takes the run's midpoint (or a uniform point in
/// it when jittering), and missing values and labels take the midpoint of (or a uniform point in) their own interval,
/// as in the whole-table fit. Categorical batches are first renumbered to the marginal's labels.
/// </summary>
internal sealed class StreamingScorer(MarginalSet marginals)
{
    private readonly Dictionary<string, int>?[] _labelCodes = [.. marginals.Columns.Select(c =>
        c is DiscreteMarginal { Kind: ColumnKind.Categorical } d
            ? d.Labels.Select((label, code) => (label, code)).ToDictionary(x => x.label, x => x.code, StringComparer.Ordinal)
            : null)];

    /// <summary>Writes the uniform score of each row of <paramref name="column"/> (column <paramref name="j"/>) to <paramref name="destination"/>.</summary>
    /// <param name="j">The column's position in the schema.</param>
    /// <param name="column">The batch's column.</param>
    /// <param name="jitter">Spreads ties uniformly; null puts them at their interval's midpoint.</param>
    /// <param name="destination">One score per row.</param>
    public void ToUniform(int j, Column column, Rng? jitter, Span<double> destination)
    {
        switch (marginals.Columns[j])
        {
            case NumericMarginal numeric:
                Numeric(numeric, column, jitter, destination);
                break;
            default:
                marginals.Columns[j].ToUniform(Conform(j, column), jitter, destination);
                break;
        }
    }

    /// <summary>A categorical column renumbered to the marginal's labels (other columns unchanged).</summary>
    public Column Conform(int j, Column column)
    {
        if (column is not CategoricalColumn categorical || marginals.Columns[j] is not DiscreteMarginal discrete)
        {
            return column;
        }

        var map = _labelCodes[j]!;
        var codes = categorical.Categories.Select(label => map[label]).ToArray();
        var remapped = new int[categorical.Length];
        for (var i = 0; i < remapped.Length; i++)
        {
            remapped[i] = categorical.Codes[i] < 0 ? -1 : codes[categorical.Codes[i]];
        }

        return new CategoricalColumn(column.Name, remapped, discrete.Labels);
    }

    private static void Numeric(NumericMarginal marginal, Column column, Rng? jitter, Span<double> destination)
    {
        var m = marginal.MissingRate;
        var knots = marginal.Knots;
        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsMissing(i))
            {
                destination[i] = (jitter?.NextDouble() ?? 0.5) * m;
                continue;
            }

            var x = NumericValues.At(column, i);
            var v = marginal.Parametric is { } family ? family.Cdf(x) : Cdf(knots, x, jitter);
            destination[i] = m + ((1 - m) * v);
        }
    }

    /// <summary>The inverse of the interpolated quantile function through <paramref name="knots"/>; a tie with a run of knots takes the run's midpoint or, jittered, a uniform point of it.</summary>
    private static double Cdf(ReadOnlySpan<double> knots, double x, Rng? jitter)
    {
        var last = knots.Length - 1;
        if (last <= 0)
        {
            return jitter?.NextDouble() ?? 0.5;
        }

        var lo = LowerBound(knots, x);
        var hi = LowerBound(knots, Math.BitIncrement(x)) - 1;
        if (lo <= hi)
        {
            // knots[lo..hi] all equal x: the quantile function is flat there, so x owns probabilities [lo, hi] / last.
            return (lo + ((jitter?.NextDouble() ?? 0.5) * (hi - lo))) / last;
        }

        if (lo == 0)
        {
            return 0;
        }

        if (lo > last)
        {
            return 1;
        }

        return (lo - 1 + ((x - knots[lo - 1]) / (knots[lo] - knots[lo - 1]))) / last;
    }

    /// <summary>The first index whose knot is at least <paramref name="x"/>.</summary>
    private static int LowerBound(ReadOnlySpan<double> knots, double x)
    {
        int a = 0, b = knots.Length;
        while (a < b)
        {
            var mid = (a + b) >>> 1;
            if (knots[mid] < x)
            {
                a = mid + 1;
            }
            else
            {
                b = mid;
            }
        }

        return a;
    }
}
