using MathNet.Numerics;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// The Anderson-Darling k-sample test of Scholz and Stephens (1987), in its midrank form for samples with
/// ties (their equation 7), standardised, with the p-value interpolated from their Table 2 as SciPy's
/// <c>anderson_ksamp</c> does: a quadratic fit of log significance against the critical values, floored at
/// 0.001 and capped at 0.25.
/// </summary>
internal static class AndersonDarling
{
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    /// <summary>The standardised statistic and its approximate p-value for two sorted, non-empty samples.</summary>
    /// <returns>NaN statistic when all values are equal (the test is undefined).</returns>
    public static (double Statistic, double PValue) TwoSample(double[] a, double[] b)
    {
        const int k = 2;
        double[][] samples = [a, b];
        var n = a.Length + b.Length;
        if (n < 4)
        {
            return (double.NaN, double.NaN);
        }

        var pooled = new double[n];
        a.CopyTo(pooled, 0);
        b.CopyTo(pooled, a.Length);
        Array.Sort(pooled);
        if (pooled[0] == pooled[^1])
        {
            return (double.NaN, double.NaN);
        }

        // Distinct pooled values z_j with their multiplicity l_j and the midrank count B_j of pooled values below.
        var distinct = new List<(double Z, int Left, int Count)>();
        for (var i = 0; i < n;)
        {
            var end = i + 1;
            while (end < n && pooled[end] == pooled[i])
            {
                end++;
            }

            distinct.Add((pooled[i], i, end - i));
            i = end;
        }

        var a2 = 0.0;
        foreach (var s in samples)
        {
            var inner = 0.0;
            var pos = 0;
            foreach (var (z, left, count) in distinct)
            {
                var start = pos;
                while (pos < s.Length && s[pos] <= z)
                {
                    pos++;
                }

                var f = pos - start;
                var m = pos - (f / 2.0);
                var bj = left + (count / 2.0);
                var num = (n * m) - (bj * s.Length);
                inner += count / (double)n * num * num / ((bj * (n - bj)) - (n * count / 4.0));
            }

            a2 += inner / s.Length;
        }

        a2 *= (n - 1.0) / n;

        // Variance of the statistic under the null hypothesis (Scholz and Stephens, equation 4).
        var h = 0.0;
        for (var i = 1; i < n; i++)
        {
            h += 1.0 / i;
        }

        var g = 0.0;
        var tail = 0.0; // Σ_{j=i+1}^{N-1} 1/j, built from the top
        for (var i = n - 2; i >= 1; i--)
        {
            tail += 1.0 / (i + 1);
            g += tail / (n - i);
        }

        var hh = (1.0 / a.Length) + (1.0 / b.Length);
        var ca = (((4 * g) - 6) * (k - 1)) + ((10 - (6 * g)) * hh);
        var cb = (((2 * g) - 4) * k * k) + (8 * h * k) + ((((2 * g) - (14 * h)) - 4) * hh) - (8 * h) + (4 * g) - 6;
        var cc = ((((6 * h) + (2 * g)) - 2) * k * k) + ((((4 * h) - (4 * g)) + 6) * k) + (((2 * h) - 6) * hh) + (4 * h);
        var cd = (((2 * h) + 6) * k * k) - (4 * h * k);
        double nn = n;
        var sigma2 = ((ca * nn * nn * nn) + (cb * nn * nn) + (cc * nn) + cd) / ((nn - 1) * (nn - 2) * (nn - 3));
        const double m1 = k - 1;
        var statistic = (a2 - m1) / Math.Sqrt(sigma2);
        return (statistic, PValue(statistic, m1));
    }

    private static double PValue(double statistic, double m)
    {
        var critical = new double[B0.Length];
        for (var i = 0; i < critical.Length; i++)
        {
            critical[i] = B0[i] + (B1[i] / Math.Sqrt(m)) + (B2[i] / m);
        }

        if (statistic < critical.Min())
        {
            return Significance.Max();
        }

        if (statistic > critical.Max())
        {
            return Significance.Min();
        }

        var coefficients = Fit.Polynomial(critical, [.. Significance.Select(s => Math.Log(s))], 2);
        return Math.Exp(coefficients[0] + (coefficients[1] * statistic) + (coefficients[2] * statistic * statistic));
    }
}
