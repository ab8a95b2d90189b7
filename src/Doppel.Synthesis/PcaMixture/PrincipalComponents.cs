using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Doppel.Synthesis.PcaMixture;

/// <summary>
/// The leading principal components of standardised numeric columns: the centre, and an orthonormal basis of
/// the kept directions (eigenvectors of the covariance, by decreasing eigenvalue). Immutable after construction.
/// </summary>
internal sealed class PrincipalComponents
{
    public PrincipalComponents(double[] center, double[] basis, double[] variances, double explainedShare)
    {
        Center = center;
        Basis = basis;
        Variances = variances;
        ExplainedShare = explainedShare;
    }

    /// <summary>The number of input columns.</summary>
    public int Columns => Center.Length;

    /// <summary>The number of kept components.</summary>
    public int Count => Variances.Length;

    /// <summary>The mean of each input column.</summary>
    public double[] Center { get; }

    /// <summary>The kept directions, <see cref="Columns"/> × <see cref="Count"/> row-major (column j is component j).</summary>
    public double[] Basis { get; }

    /// <summary>The variance along each kept direction (the covariance's eigenvalues), decreasing.</summary>
    public double[] Variances { get; }

    /// <summary>The share of the total variance the kept components explain (1 when the total is 0).</summary>
    public double ExplainedShare { get; }

    /// <summary>
    /// Fits the components of <paramref name="columns"/> (one array of <paramref name="rows"/> values per column,
    /// no missing values) and keeps the fewest leading ones that explain at least <paramref name="share"/> of the
    /// variance, and at least one when there is a column at all.
    /// </summary>
    public static PrincipalComponents Fit(double[][] columns, int rows, double share)
    {
        var d = columns.Length;
        if (d == 0 || rows == 0)
        {
            return new PrincipalComponents(new double[d], [], [], 1);
        }

        var center = columns.Select(c => c.Average()).ToArray();
        var x = Matrix<double>.Build.Dense(rows, d, (i, a) => columns[a][i] - center[a]);
        var covariance = x.TransposeThisAndMultiply(x) / rows;
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();

        // Decreasing eigenvalue; ties by column index, so the order does not depend on the decomposition's.
        var order = Enumerable.Range(0, d).OrderByDescending(j => values[j]).ThenBy(j => j).ToArray();
        var total = values.Sum();
        var keep = 1;
        double explained = values[order[0]];
        while (total > 0 && keep < d && explained < share * total * (1 - 1e-12))
        {
            explained += values[order[keep]];
            keep++;
        }

        var basis = new double[d * keep];
        for (var j = 0; j < keep; j++)
        {
            var vector = evd.EigenVectors.Column(order[j]);

            // Sign convention: the largest-magnitude coordinate is positive, so the basis is reproducible.
            var sign = vector[vector.AbsoluteMaximumIndex()] < 0 ? -1.0 : 1.0;
            for (var a = 0; a < d; a++)
            {
                basis[(a * keep) + j] = sign * vector[a];
            }
        }

        return new PrincipalComponents(center, basis, [.. order.Take(keep).Select(j => values[j])], total > 0 ? explained / total : 1);
    }

    /// <summary>The component scores of <paramref name="columns"/>: one array of <paramref name="rows"/> values per kept component.</summary>
    public double[][] Project(double[][] columns, int rows)
    {
        var m = Count;
        var scores = new double[m][];
        for (var j = 0; j < m; j++)
        {
            scores[j] = new double[rows];
        }

        for (var a = 0; a < Columns; a++)
        {
            var column = columns[a];
            var c = Center[a];
            for (var j = 0; j < m; j++)
            {
                var w = Basis[(a * m) + j];
                var score = scores[j];
                for (var i = 0; i < rows; i++)
                {
                    score[i] += w * (column[i] - c);
                }
            }
        }

        return scores;
    }

    /// <summary>Maps component scores back to the input columns: centre + basis · scores.</summary>
    public double[][] Reconstruct(double[][] scores, int rows)
    {
        var m = Count;
        var columns = new double[Columns][];
        for (var a = 0; a < Columns; a++)
        {
            var column = new double[rows];
            Array.Fill(column, Center[a]);
            for (var j = 0; j < m; j++)
            {
                var w = Basis[(a * m) + j];
                var score = scores[j];
                for (var i = 0; i < rows; i++)
                {
                    column[i] += w * score[i];
                }
            }

            columns[a] = column;
        }

        return columns;
    }
}
