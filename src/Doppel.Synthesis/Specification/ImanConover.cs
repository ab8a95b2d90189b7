using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra.Double;
using Doppel.Data;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// Iman and Conover (1982): van der Waerden scores Φ⁻¹(i / (n + 1)), shuffled per column, are whitened by the
/// Cholesky factor of their own sample correlation and recoloured by that of a score target; each column of exact
/// marginal samples is then reordered to the ranks of its score column. The correction step repeats this with the
/// score target moved by the achieved error, t_{k+1} = t_k + (r* - r_k) (projected back to a correlation matrix),
/// so the achieved sample correlation of the specification's type converges on the target.
/// </summary>
internal static class ImanConover
{
    /// <summary>Reorders each sorted column of <paramref name="sorted"/> in place; returns the achieved correlation.</summary>
    public static double[] Apply(
        double[][] sorted,
        double[] startTarget,
        double[] target,
        CorrelationType type,
        int iterations,
        Rng rng)
    {
        var d = sorted.Length;
        var n = sorted[0].Length;
        var whitened = WhitenedScores(d, n, rng);
        var scoreTarget = (double[])startTarget.Clone();
        var best = (Error: double.PositiveInfinity, Values: sorted.Select(c => (double[])c.Clone()).ToArray(), Achieved: Array.Empty<double>());
        var current = new double[d][];
        for (var k = 0; k <= iterations; k++)
        {
            var scores = Recolour(whitened, scoreTarget, d, n);
            Parallel.For(0, d, j => current[j] = ReorderToRanks(sorted[j], scores[j]));

            var achieved = SampleCorrelation.Matrix(current, type);
            var error = MaxOffDiagonal(achieved, target, d);
            if (error < best.Error)
            {
                best = (error, current.Select(c => (double[])c.Clone()).ToArray(), achieved);
            }

            for (var i = 0; i < d * d; i++)
            {
                scoreTarget[i] += target[i] - achieved[i];
            }

            scoreTarget = NearestCorrelation.Project(Symmetrised(scoreTarget, d), d, minEigenvalue: 1e-8);
        }

        for (var j = 0; j < d; j++)
        {
            sorted[j] = best.Values[j];
        }

        return best.Achieved;
    }

    /// <summary>Shuffled van der Waerden scores times the inverse transpose of their Cholesky factor: sample correlation exactly I.</summary>
    private static double[][] WhitenedScores(int d, int n, Rng rng)
    {
        var scores = new DenseMatrix(n, d);
        var template = new double[n];
        for (var i = 0; i < n; i++)
        {
            template[i] = Normal.InvCDF(0, 1, (i + 1.0) / (n + 1));
        }

        for (var j = 0; j < d; j++)
        {
            var column = (double[])template.Clone();
            rng.Fork("iman-conover/scores", j).Shuffle(column);
            scores.SetColumn(j, column);
        }

        var covariance = scores.TransposeThisAndMultiply(scores) / n;
        var factor = covariance.Cholesky().Factor;
        var whitened = factor.Solve(scores.Transpose());
        return [.. Enumerable.Range(0, d).Select(j => whitened.Row(j).ToArray())];
    }

    /// <summary>Column j of the result is Σ_k L[j, k]·w_k, with L the Cholesky factor of <paramref name="target"/>.</summary>
    private static double[][] Recolour(double[][] whitened, double[] target, int d, int n)
    {
        var factor = DenseMatrix.OfColumnMajor(d, d, target).Cholesky().Factor;
        var result = new double[d][];
        Parallel.For(0, d, j =>
        {
            var column = new double[n];
            for (var k = 0; k <= j; k++)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(whitened[k], factor[j, k], column, column);
            }

            result[j] = column;
        });
        return result;
    }

    /// <summary>The row with the k-th smallest score gets the k-th smallest value.</summary>
    internal static double[] ReorderToRanks(double[] sortedValues, double[] scores)
    {
        var n = scores.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = (double[])scores.Clone();
        Array.Sort(keys, order);
        var result = new double[n];
        for (var k = 0; k < n; k++)
        {
            result[order[k]] = sortedValues[k];
        }

        return result;
    }

    internal static double MaxOffDiagonal(double[] a, double[] b, int d)
    {
        var max = 0.0;
        for (var i = 0; i < d; i++)
        {
            for (var j = i + 1; j < d; j++)
            {
                max = Math.Max(max, Math.Abs(a[(i * d) + j] - b[(i * d) + j]));
            }
        }

        return max;
    }

    private static double[] Symmetrised(double[] m, int d)
    {
        var r = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                r[(i * d) + j] = i == j ? 1 : Math.Clamp(0.5 * (m[(i * d) + j] + m[(j * d) + i]), -0.9999, 0.9999);
            }
        }

        return r;
    }
}
