namespace Doppel.Synthesis.Specification;

/// <summary>How close generated rows are to a specification: correlation errors and each marginal's KS distance.</summary>
internal static class SpecAccuracy
{
    /// <summary>Max and mean absolute difference over off-diagonal pairs (i &lt; j) of two row-major d x d matrices, optionally only over pairs where <paramref name="include"/> holds.</summary>
    public static (double Max, double Mean) Errors(IReadOnlyList<double> achieved, IReadOnlyList<double> target, int d, Func<int, int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(achieved);
        ArgumentNullException.ThrowIfNull(target);
        var max = 0.0;
        var sum = 0.0;
        var count = 0;
        for (var i = 0; i < d; i++)
        {
            for (var j = i + 1; j < d; j++)
            {
                if (include is not null && !include(i, j))
                {
                    continue;
                }

                var e = Math.Abs(achieved[(i * d) + j] - target[(i * d) + j]);
                max = Math.Max(max, e);
                sum += e;
                count++;
            }
        }

        return (max, count == 0 ? 0 : sum / count);
    }

    /// <summary>The Kolmogorov-Smirnov distance sup |F_n(x) - F(x)| between a sample and a marginal (checked on both sides of every sample value and every atom).</summary>
    public static double KolmogorovSmirnov(Marginal marginal, IReadOnlyList<double> sample)
    {
        ArgumentNullException.ThrowIfNull(marginal);
        ArgumentNullException.ThrowIfNull(sample);
        var x = sample.ToArray();
        Array.Sort(x);
        var n = x.Length;
        var d = 0.0;
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j < n && x[j] == x[i])
            {
                j++;
            }

            var f = marginal.Cdf(x[i]);
            var fLeft = marginal.IsDiscrete ? f - marginal.Density(x[i]) : f;
            d = Math.Max(d, Math.Max(Math.Abs(((double)j / n) - f), Math.Abs(((double)i / n) - fLeft)));
            i = j;
        }

        var atoms = marginal.AtomValues;
        for (var k = 0; k < atoms.Length; k++)
        {
            var below = UpperBound(x, atoms[k]);
            d = Math.Max(d, Math.Abs(((double)below / n) - marginal.Cdf(atoms[k])));
        }

        return d;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
