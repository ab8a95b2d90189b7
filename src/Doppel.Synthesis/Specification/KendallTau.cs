namespace Doppel.Synthesis.Specification;

/// <summary>Kendall's tau-b by Knight's algorithm: sort by (x, y), count ties, then count discordant pairs as merge-sort swaps of y.</summary>
internal static class KendallTau
{
    public static double TauB(double[] x, double[] y)
    {
        var n = x.Length;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => x[a] != x[b] ? x[a].CompareTo(x[b]) : y[a].CompareTo(y[b]));
        long n0 = (long)n * (n - 1) / 2;
        var tiesX = Runs(order, i => x[i], null);
        var tiesXY = Runs(order, i => x[i], i => y[i]);
        var ys = order.Select(i => y[i]).ToArray();
        var buffer = new double[n];
        var swaps = MergeCount(ys, buffer, 0, n);
        long tiesY = 0, run = 1;
        for (var i = 1; i < n; i++)
        {
            if (ys[i] == ys[i - 1])
            {
                run++;
            }
            else
            {
                tiesY += run * (run - 1) / 2;
                run = 1;
            }
        }

        tiesY += run * (run - 1) / 2;
        var concordantMinusDiscordant = n0 - tiesX - tiesY + tiesXY - (2 * swaps);
        var denominator = Math.Sqrt((double)(n0 - tiesX) * (n0 - tiesY));
        return denominator > 0 ? concordantMinusDiscordant / denominator : 0;
    }

    /// <summary>Σ t(t - 1)/2 over runs of equal keys (one key, or two) in <paramref name="order"/>.</summary>
    private static long Runs(int[] order, Func<int, double> first, Func<int, double>? second)
    {
        long total = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i + 1;
            while (j < order.Length && first(order[j]) == first(order[i]) && (second is null || second(order[j]) == second(order[i])))
            {
                j++;
            }

            long run = j - i;
            total += run * (run - 1) / 2;
            i = j;
        }

        return total;
    }

    /// <summary>Sorts a[lo..hi) and returns the number of inversions (pairs i &lt; j with a[i] &gt; a[j]).</summary>
    private static long MergeCount(double[] a, double[] buffer, int lo, int hi)
    {
        if (hi - lo < 2)
        {
            return 0;
        }

        var mid = (lo + hi) >> 1;
        var swaps = MergeCount(a, buffer, lo, mid) + MergeCount(a, buffer, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (a[j] < a[i])
            {
                swaps += mid - i;
                buffer[k++] = a[j++];
            }
            else
            {
                buffer[k++] = a[i++];
            }
        }

        while (i < mid)
        {
            buffer[k++] = a[i++];
        }

        while (j < hi)
        {
            buffer[k++] = a[j++];
        }

        Array.Copy(buffer, lo, a, lo, hi - lo);
        return swaps;
    }
}
