using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra.Double;
using Doppel.Data;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// NORTA (normal to anything; Cario and Nelson, 1997): each pair's normal-scale correlation is solved so that the
/// transformed pair reaches its target, the resulting matrix is repaired to the nearest positive definite
/// correlation matrix when needed, rows are drawn as Z = L·W through its Cholesky factor, and each column is sent
/// through its exact inverse CDF, X = Q(Φ(Z)).
/// </summary>
internal static class NortaSampler
{
    /// <summary>Rows per random stream: chunk k draws from <c>rng.Fork("norta", k)</c>, so results do not depend on thread count.</summary>
    public const int ChunkRows = 4096;

    /// <summary>The normal-scale correlation matrix (row-major) that maps to <paramref name="target"/>, repaired to be positive definite.</summary>
    public static double[] NormalScaleMatrix(FeasibilityReport report, IReadOnlyList<double> target)
    {
        var n = report.Spec.Dimension;
        var type = report.Spec.Correlation;
        var rho = new double[n * n];
        var pairs = report.Pairs;
        Parallel.For(0, pairs.Length, k =>
        {
            var p = pairs[k];
            var t = target[(p.First * n) + p.Second];
            var r = PairCorrelation.NormalScale(report.Scales[p.First], report.Scales[p.Second], type, t, p.Lower, p.Upper);
            rho[(p.First * n) + p.Second] = r;
            rho[(p.Second * n) + p.First] = r;
        });
        for (var i = 0; i < n; i++)
        {
            rho[(i * n) + i] = 1;
        }

        return NearestCorrelation.Project(rho, n, minEigenvalue: 1e-8);
    }

    /// <summary>Normal scores (column-major: one array per variable) with correlation <paramref name="normalMatrix"/>.</summary>
    public static double[][] NormalScores(double[] normalMatrix, int d, int rows, Rng rng)
    {
        var chol = DenseMatrix.OfColumnMajor(d, d, normalMatrix).Cholesky().Factor;
        var l = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                l[(i * d) + j] = chol[i, j];
            }
        }

        var z = new double[d][];
        for (var j = 0; j < d; j++)
        {
            z[j] = new double[rows];
        }

        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, c =>
        {
            var stream = rng.Fork("norta", c);
            var w = new double[d];
            var end = Math.Min(rows, (c + 1) * ChunkRows);
            for (var r = c * ChunkRows; r < end; r++)
            {
                stream.FillGaussian(w);
                for (var i = 0; i < d; i++)
                {
                    var s = 0.0;
                    for (var j = 0; j <= i; j++)
                    {
                        s += l[(i * d) + j] * w[j];
                    }

                    z[i][r] = s;
                }
            }
        });
        return z;
    }

    /// <summary>X = Q(Φ(z)) for each column.</summary>
    public static double[][] Transform(IReadOnlyList<Marginal> marginals, double[][] z)
    {
        var d = marginals.Count;
        var rows = z[0].Length;
        var x = new double[d][];
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        for (var j = 0; j < d; j++)
        {
            x[j] = new double[rows];
        }

        Parallel.For(0, d * chunks, task =>
        {
            var j = task / chunks;
            var c = task % chunks;
            var end = Math.Min(rows, (c + 1) * ChunkRows);
            var m = marginals[j];
            for (var r = c * ChunkRows; r < end; r++)
            {
                x[j][r] = m.InverseCdf(Uniform(z[j][r]));
            }
        });
        return x;
    }

    /// <summary>Φ(z) kept inside (0, 1), accurate in both tails.</summary>
    public static double Uniform(double z)
    {
        var u = z <= 0 ? Normal.CDF(0, 1, z) : 1 - Normal.CDF(0, 1, -z);
        return Math.Clamp(u, 1e-300, 1 - 1e-16);
    }
}
