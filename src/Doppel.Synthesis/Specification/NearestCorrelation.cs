using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// The nearest correlation matrix in the Frobenius norm (Higham, 2002: alternating projections with Dykstra's
/// correction). The second set may also bound each off-diagonal entry, which gives the nearest matrix that is
/// positive semi-definite and respects every pair's attainable range.
/// </summary>
internal static class NearestCorrelation
{
    /// <summary>The smallest eigenvalue of a symmetric matrix given row-major.</summary>
    public static double MinEigenvalue(ReadOnlySpan<double> matrix, int n)
    {
        var m = DenseMatrix.OfColumnMajor(n, n, matrix.ToArray());
        return m.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);
    }

    /// <summary>
    /// Projects <paramref name="matrix"/> (row-major, n x n, symmetric) onto the correlation matrices whose
    /// eigenvalues are at least <paramref name="minEigenvalue"/> and, when given, whose entries (i, j) lie in
    /// [<paramref name="lower"/>[i n + j], <paramref name="upper"/>[i n + j]].
    /// </summary>
    /// <returns>The projected matrix, row-major; unit diagonal and exactly symmetric.</returns>
    public static double[] Project(
        ReadOnlySpan<double> matrix,
        int n,
        ReadOnlySpan<double> lower = default,
        ReadOnlySpan<double> upper = default,
        double minEigenvalue = 0,
        double tolerance = 1e-12,
        int maxIterations = 5000)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(matrix.Length, n * n);
        var y = DenseMatrix.OfColumnMajor(n, n, matrix.ToArray());
        var correction = new DenseMatrix(n, n);
        var lo = lower.ToArray();
        var hi = upper.ToArray();
        if (IsInside(y, n, lo, hi, minEigenvalue))
        {
            return Symmetrise(y, n);
        }

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var r = y - correction;
            var x = ProjectEigen(r, minEigenvalue);
            correction = (DenseMatrix)(x - r);
            var next = (DenseMatrix)x.Clone();
            ProjectBox(next, n, lo, hi);
            var change = (next - y).FrobeniusNorm() / Math.Max(1, y.FrobeniusNorm());
            y = next;
            if (change < tolerance)
            {
                break;
            }
        }

        // Finish on the eigenvalue side so the result is usable as a covariance, then restore the unit diagonal.
        var finalMatrix = ProjectEigen(y, minEigenvalue);
        var d = finalMatrix.Diagonal().Map(Math.Sqrt);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                finalMatrix[i, j] /= d[i] * d[j];
            }
        }

        return Symmetrise(finalMatrix, n);
    }

    private static bool IsInside(DenseMatrix y, int n, double[] lo, double[] hi, double minEigenvalue)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j && lo.Length > 0 && (y[i, j] < lo[(i * n) + j] || y[i, j] > hi[(i * n) + j]))
                {
                    return false;
                }
            }
        }

        return y.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real) >= minEigenvalue;
    }

    private static Matrix<double> ProjectEigen(Matrix<double> r, double minEigenvalue)
    {
        var sym = (r + r.Transpose()) * 0.5;
        var evd = sym.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Map(e => Math.Max(e.Real, minEigenvalue));
        var v = evd.EigenVectors;
        return v * DenseMatrix.OfDiagonalVector(values) * v.Transpose();
    }

    private static void ProjectBox(DenseMatrix x, int n, double[] lo, double[] hi)
    {
        for (var i = 0; i < n; i++)
        {
            x[i, i] = 1;
            if (lo.Length == 0)
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    x[i, j] = Math.Clamp(x[i, j], lo[(i * n) + j], hi[(i * n) + j]);
                }
            }
        }
    }

    private static double[] Symmetrise(Matrix<double> m, int n)
    {
        var result = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[(i * n) + j] = i == j ? 1 : 0.5 * (m[i, j] + m[j, i]);
            }
        }

        return result;
    }
}
