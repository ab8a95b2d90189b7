using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis.Mixtures;

/// <summary>Small linear-algebra helpers over MathNet.Numerics.</summary>
internal static class Linear
{
    /// <summary>
    /// The lower Cholesky factor of a symmetric matrix that should be positive definite; when rounding makes it
    /// fail, a growing multiple of the identity is added until it succeeds.
    /// </summary>
    public static Matrix<double> Cholesky(Matrix<double> matrix)
    {
        var jitter = 0.0;
        var scale = Math.Max(1e-12, matrix.Diagonal().AbsoluteMaximum());
        for (var attempt = 0; ; attempt++)
        {
            var m = jitter > 0 ? matrix + (Matrix<double>.Build.DenseIdentity(matrix.RowCount) * jitter) : matrix;
            try
            {
                var factor = m.Cholesky().Factor;
                if (factor.Enumerate().All(double.IsFinite))
                {
                    return factor;
                }
            }
            catch (ArgumentException) when (attempt < 20)
            {
                // Not positive definite after rounding: retry with more jitter below.
            }

            if (attempt >= 20)
            {
                throw new InvalidOperationException("a covariance matrix is not positive definite even after regularisation");
            }

            jitter = jitter == 0 ? scale * 1e-10 : jitter * 10;
        }
    }
}
