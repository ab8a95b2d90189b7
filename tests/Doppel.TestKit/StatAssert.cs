namespace Doppel.TestKit;

/// <summary>
/// Statistical assertions whose tolerances follow from the sample size and a stated false-alarm rate.
/// Each failure message shows the formula used.
/// </summary>
public static class StatAssert
{
    /// <summary>Asserts |mean(sample) - expected| &lt;= 5·sd/√n (false alarm about 6e-7 for a normal mean).</summary>
    public static void MeanNear(double expected, double sd, IReadOnlyList<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var mean = sample.Average();
        var tolerance = 5 * sd / Math.Sqrt(sample.Count);
        Xunit.Assert.True(Math.Abs(mean - expected) <= tolerance,
            $"mean {mean:G6} differs from {expected:G6} by more than 5·sd/√n = 5·{sd:G4}/√{sample.Count} = {tolerance:G4}");
    }

    /// <summary>Asserts an observed share is within 5 binomial standard errors of <paramref name="p"/>.</summary>
    public static void ShareNear(double p, long hits, long n)
    {
        var share = (double)hits / n;
        var tolerance = 5 * Math.Sqrt(Math.Max(p * (1 - p), 1.0 / n) / n);
        Xunit.Assert.True(Math.Abs(share - p) <= tolerance,
            $"share {share:G6} differs from {p:G6} by more than 5·√(p(1-p)/n) = {tolerance:G4} (n = {n})");
    }

    /// <summary>
    /// The two-sample Kolmogorov-Smirnov critical value at level <paramref name="alpha"/>:
    /// c(α)·√((n+m)/(n·m)) with c(α) = √(-ln(α/2)/2).
    /// </summary>
    public static double KsCritical(int n, int m, double alpha = 1e-4) =>
        Math.Sqrt(-Math.Log(alpha / 2) / 2) * Math.Sqrt((double)(n + m) / ((double)n * m));
}
