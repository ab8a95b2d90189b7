using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Evaluation.Report;

/// <summary>The first two principal components of the real rows, and both tables projected onto them.</summary>
internal static class Pca
{
    /// <summary>
    /// Projects row-major <paramref name="real"/> and <paramref name="synthetic"/> (<paramref name="width"/> wide) onto
    /// the two leading eigenvectors of the real rows' covariance; returns (x, y) per table.
    /// </summary>
    public static ((double[] X, double[] Y) Real, (double[] X, double[] Y) Synthetic) Project(float[] real, float[] synthetic, int width)
    {
        var n = real.Length / width;
        var mean = new double[width];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < width; k++)
            {
                mean[k] += real[(i * width) + k];
            }
        }

        for (var k = 0; k < width; k++)
        {
            mean[k] /= Math.Max(n, 1);
        }

        var centred = Matrix<double>.Build.Dense(n, width, (i, k) => real[(i * width) + k] - mean[k]);
        var covariance = centred.TransposeThisAndMultiply(centred) / Math.Max(n - 1, 1);
        var evd = covariance.Evd(Symmetricity.Symmetric);

        // Eigenvalues come in ascending order: the last two columns are the leading components.
        var first = evd.EigenVectors.Column(width - 1);
        var second = width > 1 ? evd.EigenVectors.Column(width - 2) : Vector<double>.Build.Dense(width);
        (double[], double[]) Apply(float[] rows)
        {
            var count = rows.Length / width;
            var xs = new double[count];
            var ys = new double[count];
            for (var i = 0; i < count; i++)
            {
                for (var k = 0; k < width; k++)
                {
                    var v = rows[(i * width) + k] - mean[k];
                    xs[i] += v * first[k];
                    ys[i] += v * second[k];
                }
            }

            return (xs, ys);
        }

        return (Apply(real), Apply(synthetic));
    }
}
