namespace Doppel.Neural.Tests.Kernels;

/// <summary>The textbook triple loop in double precision, with the error bound a float product must meet.</summary>
internal static class NaiveGemm
{
    /// <summary>Unit roundoff of float32, 2^-24.</summary>
    public const double Unit = 1.0 / (1 << 24);

    /// <summary>
    /// Returns op(A)·op(B) (+ C0 when accumulating) in double, and for every element the bound
    /// γ·(Σ|a·b| + |c0|) with γ = 2(k + 2)u: a float sum of k products rounded at most twice per term
    /// (multiply and add, or one fused rounding), once more per inner-dimension block and once for the
    /// accumulation into C, stays within that bound of the exact value (Higham, Accuracy and Stability
    /// of Numerical Algorithms, §3.1); the double reference itself is exact to far below it.
    /// </summary>
    public static (double[] Expected, double[] Tolerance) Multiply(
        float[] a, float[] b, float[] c0, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
    {
        var expected = new double[m * n];
        var tolerance = new double[m * n];
        var gamma = 2.0 * (k + 2) * Unit;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (var p = 0; p < k; p++)
                {
                    double x = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                    double y = transposeB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += x * y;
                    magnitude += Math.Abs(x * y);
                }

                if (accumulate)
                {
                    sum += c0[(i * n) + j];
                    magnitude += Math.Abs(c0[(i * n) + j]);
                }

                expected[(i * n) + j] = sum;
                tolerance[(i * n) + j] = (gamma * magnitude) + float.Epsilon;
            }
        }

        return (expected, tolerance);
    }
}
