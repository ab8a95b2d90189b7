namespace Doppel.Synthesis.Specification;

/// <summary>Sample correlation matrices of columns (row-major results): Pearson, Spearman with mid-ranks, Kendall's tau-b.</summary>
internal static class SampleCorrelation
{
    /// <summary>The correlation matrix of <paramref name="type"/> over <paramref name="columns"/> (all the same length).</summary>
    public static double[] Matrix(IReadOnlyList<double[]> columns, CorrelationType type)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return type switch
        {
            CorrelationType.Pearson => Pearson(columns),
            CorrelationType.Spearman => Pearson([.. columns.Select(MidRanks)]),
            _ => Kendall(columns),
        };
    }

    /// <summary>Pearson correlations.</summary>
    public static double[] Pearson(IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var d = columns.Count;
        var z = columns.Select(Standardise).ToArray();
        var result = new double[d * d];
        Parallel.For(0, d, i =>
        {
            for (var j = i; j < d; j++)
            {
                var r = i == j ? 1.0 : Dot(z[i], z[j]) / z[i].Length;
                result[(i * d) + j] = r;
                result[(j * d) + i] = r;
            }
        });
        return result;
    }

    /// <summary>Kendall's tau-b for every pair (Knight's O(n log n) algorithm).</summary>
    public static double[] Kendall(IReadOnlyList<double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var d = columns.Count;
        var result = new double[d * d];
        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < d; i++)
        {
            result[(i * d) + i] = 1;
            for (var j = i + 1; j < d; j++)
            {
                pairs.Add((i, j));
            }
        }

        Parallel.ForEach(pairs, p =>
        {
            var tau = KendallTau.TauB(columns[p.I], columns[p.J]);
            result[(p.I * d) + p.J] = tau;
            result[(p.J * d) + p.I] = tau;
        });
        return result;
    }

    /// <summary>Ranks 1..n with ties given their mean rank.</summary>
    public static double[] MidRanks(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = (double[])values.Clone();
        Array.Sort(keys, order);
        var ranks = new double[n];
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            var mid = 0.5 * (start + end + 1);
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = mid;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>(x - mean) / sd with the population sd (a constant column becomes zeros).</summary>
    internal static double[] Standardise(double[] x)
    {
        var mean = x.Average();
        var ss = 0.0;
        foreach (var v in x)
        {
            ss += (v - mean) * (v - mean);
        }

        var sd = Math.Sqrt(ss / x.Length);
        var inv = sd > 0 ? 1 / sd : 0;
        var z = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            z[i] = (x[i] - mean) * inv;
        }

        return z;
    }

    internal static double Dot(double[] a, double[] b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);
}
