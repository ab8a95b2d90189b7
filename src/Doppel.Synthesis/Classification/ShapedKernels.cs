using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis.Classification;

/// <summary>
/// Class-shaped Gaussian kernels (Fukunaga's kernel shape): features are projected on their leading principal
/// components, and class c's kernel is N(0, h²·S_c), with S_c the class's covariance shrunk toward its average
/// variance, S_c = (1 − α)·Σ_c + α·(tr Σ_c / m)·I. Each class's rows are stored whitened by S_c (z = L_c⁻¹x,
/// S_c = L_c·L_cᵀ), so a kernel value needs one squared Euclidean distance. Immutable after <see cref="Fit"/>.
/// </summary>
internal sealed class ShapedKernels
{
    private readonly double[] _center;
    private readonly Matrix<double> _basis;
    private readonly Matrix<double>[] _whiten;
    private readonly float[][] _members;

    private ShapedKernels(double[] center, Matrix<double> basis, Matrix<double>[] whiten, double[] halfLogDet, float[][] members, int[][] rows, double shrinkage)
    {
        _center = center;
        _basis = basis;
        _whiten = whiten;
        HalfLogDet = halfLogDet;
        _members = members;
        Rows = rows;
        Shrinkage = shrinkage;
    }

    /// <summary>The number of principal components kept.</summary>
    public int Components => _basis.ColumnCount;

    /// <summary>α, the shrinkage toward the average variance.</summary>
    public double Shrinkage { get; }

    /// <summary>½·log|S_c| per class.</summary>
    public double[] HalfLogDet { get; }

    /// <summary>The training rows of each class, in the order their whitened copies are stored.</summary>
    public int[][] Rows { get; }

    /// <summary>
    /// Fits the kernels to <paramref name="columns"/> (one array per feature, one value per row) with class
    /// <paramref name="labels"/> in [0, <paramref name="classes"/>), keeping the fewest components explaining
    /// <paramref name="share"/> of the variance.
    /// </summary>
    public static ShapedKernels Fit(float[][] columns, int[] labels, int classes, double shrinkage, double share)
    {
        var d = columns.Length;
        var n = labels.Length;
        var center = columns.Select(c => c.Take(n).Average(v => (double)v)).ToArray();
        var x = Matrix<double>.Build.Dense(n, d, (i, a) => columns[a][i] - center[a]);
        var evd = (x.TransposeThisAndMultiply(x) / Math.Max(1, n)).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        var order = Enumerable.Range(0, d).OrderByDescending(j => values[j]).ThenBy(j => j).ToArray();
        var total = values.Sum();
        var m = 1;
        var explained = values[order[0]];
        while (m < d && explained < share * total)
        {
            explained += values[order[m++]];
        }

        var basis = Matrix<double>.Build.Dense(d, m, (a, j) => evd.EigenVectors[a, order[j]]);
        var projected = x * basis;
        var floor = Math.Max(1e-12, 1e-3 * total / d);
        var rows = Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray()).ToArray();
        var whiten = new Matrix<double>[classes];
        var halfLogDet = new double[classes];
        var members = new float[classes][];
        for (var c = 0; c < classes; c++)
        {
            var own = Matrix<double>.Build.Dense(rows[c].Length, m, (t, j) => projected[rows[c][t], j]);
            var mean = own.ColumnSums() / Math.Max(1, own.RowCount);
            var centred = Matrix<double>.Build.Dense(own.RowCount, m, (t, j) => own[t, j] - mean[j]);
            var covariance = centred.TransposeThisAndMultiply(centred) / Math.Max(1, own.RowCount);
            var average = Math.Max(floor, covariance.Trace() / m);
            var shaped = (covariance * (1 - shrinkage)) + (Matrix<double>.Build.DenseIdentity(m) * ((shrinkage * average) + (1e-9 * average)));
            var factor = shaped.Cholesky().Factor;
            whiten[c] = factor.Inverse();
            halfLogDet[c] = Enumerable.Range(0, m).Sum(j => Math.Log(factor[j, j]));
            var z = own * whiten[c].Transpose();
            members[c] = [.. z.ToRowMajorArray().Select(v => (float)v)];
        }

        return new ShapedKernels(center, basis, whiten, halfLogDet, members, rows, shrinkage);
    }

    /// <summary>For one feature row, the squared distance to every stored row of each class in that class's whitened space.</summary>
    public float[][] SquaredDistances(float[] row)
    {
        var m = Components;
        var centred = Vector<double>.Build.Dense(_center.Length, a => row[a] - _center[a]);
        var projected = _basis.TransposeThisAndMultiply(centred);
        var result = new float[_whiten.Length][];
        var z = new float[m];
        for (var c = 0; c < _whiten.Length; c++)
        {
            var w = _whiten[c] * projected;
            for (var j = 0; j < m; j++)
            {
                z[j] = (float)w[j];
            }

            var count = Rows[c].Length;
            var distances = new float[count];
            for (var t = 0; t < count; t++)
            {
                var e = System.Numerics.Tensors.TensorPrimitives.Distance(_members[c].AsSpan(t * m, m), z);
                distances[t] = e * e;
            }

            result[c] = distances;
        }

        return result;
    }

    /// <summary>
    /// log p(x | c) up to a constant shared by all classes, for bandwidth <paramref name="h"/>: the log-mean of the
    /// class's kernels minus ½·log|S_c| (NaN distances, the left-out row, are skipped).
    /// </summary>
    public double[] LogDensities(float[][] distances, double h)
    {
        var result = new double[distances.Length];
        var inverse = -0.5 / (h * h);
        for (var c = 0; c < distances.Length; c++)
        {
            var max = double.NegativeInfinity;
            var count = 0;
            foreach (var d in distances[c])
            {
                if (!float.IsNaN(d))
                {
                    max = Math.Max(max, inverse * d);
                    count++;
                }
            }

            double sum = 0;
            foreach (var d in distances[c])
            {
                if (!float.IsNaN(d))
                {
                    sum += Math.Exp((inverse * d) - max);
                }
            }

            result[c] = count == 0 ? double.NegativeInfinity : max + Math.Log(sum) - Math.Log(count) - HalfLogDet[c];
        }

        return result;
    }
}
