namespace Doppel.Evaluation.Fidelity;

/// <summary>The basic statistics the fidelity metrics are built from, on plain arrays.</summary>
internal static class Statistics
{
    /// <summary>
    /// The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs.
    /// Both inputs must be sorted ascending and non-empty.
    /// </summary>
    public static double KolmogorovSmirnov(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0;
        var max = 0.0;
        while (i < a.Length && j < b.Length)
        {
            // Step past every copy of the smaller value in both samples, so ties never open a false gap.
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }

            max = Math.Max(max, Math.Abs(((double)i / a.Length) - ((double)j / b.Length)));
        }

        return max;
    }

    /// <summary>Total variation distance between two count vectors taken as distributions: ½ Σ |p − q|.</summary>
    public static double TotalVariation(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        double na = 0, nb = 0;
        foreach (var x in a)
        {
            na += x;
        }

        foreach (var x in b)
        {
            nb += x;
        }

        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += Math.Abs((a[k] / na) - (b[k] / nb));
        }

        return sum / 2;
    }

    /// <summary>The <paramref name="q"/>-quantile of sorted values by linear interpolation (NumPy's default).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((position - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>The mean.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>The sample standard deviation (n − 1 in the denominator); NaN for fewer than two values.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        var mean = Mean(values);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Length - 1));
    }

    /// <summary>The number of distinct values in a sorted array.</summary>
    public static int DistinctSorted(ReadOnlySpan<double> sorted)
    {
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            distinct += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
        }

        return distinct;
    }

    /// <summary>Pearson's correlation; NaN when either input has no spread.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var mx = Mean(x);
        var my = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx <= 0 || syy <= 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>The 1-based ranks of the values, ties sharing their average rank.</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        var start = 0;
        while (start < keys.Length)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            var rank = ((start + end - 1) / 2.0) + 1;
            for (var i = start; i < end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>Spearman's rank correlation (Pearson on average ranks); NaN when either input is constant.</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Pearson(Ranks(x), Ranks(y));

    /// <summary>
    /// First Wasserstein distance between two empirical distributions (sorted inputs): the area between
    /// their CDFs.
    /// </summary>
    public static double Wasserstein(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0, j = 0;
        var area = 0.0;
        var previous = Math.Min(a[0], b[0]);
        while (i < a.Length || j < b.Length)
        {
            var x = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            area += Math.Abs(((double)i / a.Length) - ((double)j / b.Length)) * (x - previous);
            previous = x;
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }
        }

        return area;
    }
}
