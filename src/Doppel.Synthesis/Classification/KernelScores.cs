using System.Numerics.Tensors;

namespace Doppel.Synthesis.Classification;

/// <summary>Distances from query rows to training rows, and per-class kernel log-densities from them.</summary>
internal static class KernelScores
{
    /// <summary>For each query (a feature vector), the squared Euclidean distance to every training row (columns given column-major).</summary>
    public static float[][] SquaredDistances(float[][] trainColumns, float[][] queries, int threads)
    {
        var n = trainColumns.Length == 0 ? 0 : trainColumns[0].Length;
        var d = trainColumns.Length;

        // Row-major copy of the training rows so each distance is one vectorised pass.
        var rows = new float[n * d];
        for (var a = 0; a < d; a++)
        {
            for (var i = 0; i < n; i++)
            {
                rows[(i * d) + a] = trainColumns[a][i];
            }
        }

        var result = new float[queries.Length][];
        Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, q =>
        {
            var distances = new float[n];
            for (var i = 0; i < n; i++)
            {
                distances[i] = TensorPrimitives.Distance(rows.AsSpan(i * d, d), queries[q]) is var e ? e * e : 0;
            }

            result[q] = distances;
        });

        return result;
    }

    /// <summary>
    /// log( (1/n_c) Σ_{j in c, j ≠ self} exp(-‖x - x_j‖² / 2h²) ) for every class c (the normalising constant
    /// shared by all classes is left out; NaN distances are skipped).
    /// </summary>
    public static double[] ClassLogDensities(float[] squaredDistances, int[] labels, int[] classCounts, double h, int self)
    {
        var k = classCounts.Length;
        var max = new double[k];
        Array.Fill(max, double.NegativeInfinity);
        var inverse = -0.5 / (h * h);
        for (var i = 0; i < labels.Length; i++)
        {
            var d = squaredDistances[i];
            if (!float.IsNaN(d))
            {
                max[labels[i]] = Math.Max(max[labels[i]], inverse * d);
            }
        }

        var sum = new double[k];
        for (var i = 0; i < labels.Length; i++)
        {
            var d = squaredDistances[i];
            if (!float.IsNaN(d))
            {
                sum[labels[i]] += Math.Exp((inverse * d) - max[labels[i]]);
            }
        }

        var result = new double[k];
        for (var c = 0; c < k; c++)
        {
            var count = classCounts[c] - (self >= 0 && labels[self] == c ? 1 : 0);
            result[c] = count <= 0 || sum[c] <= 0 ? double.NegativeInfinity : max[c] + Math.Log(sum[c]) - Math.Log(count);
        }

        return result;
    }
}
