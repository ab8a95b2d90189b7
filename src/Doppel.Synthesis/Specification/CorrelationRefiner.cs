using Doppel.Data;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// Drives the sample correlation of fixed columns to a target by swapping two entries of one column at a time:
/// each column keeps its values (so the marginals stay exactly as sampled) and only the pairing changes. A swap
/// of rows a and b in column j moves every Σ s_j s_k by (s_j[b] - s_j[a])·(s_k[a] - s_k[b]), so its effect on
/// the weighted squared error Σ w_jk (r_jk - t_jk)² is known in O(d) and the swap is kept only if it lowers it.
/// Started from a NORTA or Iman-Conover ordering, the swaps make small local changes and keep that copula's shape.
/// </summary>
internal static class CorrelationRefiner
{
    /// <summary>
    /// Permutes within columns of <paramref name="values"/> (and, in step, of <paramref name="scale"/>, the columns on
    /// which the correlation is measured: the values for Pearson, their mid-ranks for rank correlations).
    /// </summary>
    /// <returns>The number of swaps kept.</returns>
    public static long Refine(double[][] values, double[][] scale, double[] target, double[] weights, Rng rng, int sweeps, double tolerance = 2e-5)
    {
        var d = values.Length;
        var n = values[0].Length;
        if (d < 2 || n < 3 || sweeps == 0)
        {
            return 0;
        }

        // Row-major standardised scale: a proposal reads two rows, which sit in two or three cache lines.
        var s = new double[n * d];
        for (var j = 0; j < d; j++)
        {
            var z = SampleCorrelation.Standardise(scale[j]);
            for (var i = 0; i < n; i++)
            {
                s[(i * d) + j] = z[i];
            }
        }

        var error = Errors(s, n, d, target);
        var invN = 1.0 / n;
        long kept = 0;
        var rounds = (long)sweeps * d;
        for (long round = 0; round < rounds; round++)
        {
            if (MaxWeighted(error, weights, d) < tolerance)
            {
                break;
            }

            var keptThisRound = 0L;
            for (var t = 0; t < n; t++)
            {
                var j = rng.Next(d);
                var a = rng.Next(n);
                var b = rng.Next(n);
                var ra = a * d;
                var rb = b * d;
                var delta = (s[rb + j] - s[ra + j]) * invN;
                if (delta == 0)
                {
                    continue;
                }

                var change = 0.0;
                var wRow = j * d;
                for (var k = 0; k < d; k++)
                {
                    if (k == j)
                    {
                        continue;
                    }

                    var step = delta * (s[ra + k] - s[rb + k]);
                    var e = error[wRow + k];
                    change += weights[wRow + k] * ((2 * e) + step) * step;
                }

                if (change >= 0)
                {
                    continue;
                }

                for (var k = 0; k < d; k++)
                {
                    if (k != j)
                    {
                        var step = delta * (s[ra + k] - s[rb + k]);
                        error[wRow + k] += step;
                        error[(k * d) + j] += step;
                    }
                }

                (s[ra + j], s[rb + j]) = (s[rb + j], s[ra + j]);
                (values[j][a], values[j][b]) = (values[j][b], values[j][a]);
                (scale[j][a], scale[j][b]) = (scale[j][b], scale[j][a]);
                keptThisRound++;
            }

            kept += keptThisRound;
            if (round % 16 == 15)
            {
                error = Errors(s, n, d, target);
            }


            if (keptThisRound == 0)
            {
                break;
            }
        }

        return kept;
    }

    private static double[] Errors(double[] s, int n, int d, double[] target)
    {
        var sums = new double[d * d];
        for (var i = 0; i < n; i++)
        {
            var row = i * d;
            for (var j = 0; j < d; j++)
            {
                var v = s[row + j];
                for (var k = j + 1; k < d; k++)
                {
                    sums[(j * d) + k] += v * s[row + k];
                }
            }
        }

        var error = new double[d * d];
        for (var j = 0; j < d; j++)
        {
            for (var k = j + 1; k < d; k++)
            {
                var e = (sums[(j * d) + k] / n) - target[(j * d) + k];
                error[(j * d) + k] = e;
                error[(k * d) + j] = e;
            }
        }

        return error;
    }

    private static double Objective(double[] error, double[] weights, int d)
    {
        var sum = 0.0;
        for (var i = 0; i < d * d; i++)
        {
            sum += weights[i] * error[i] * error[i];
        }

        return sum / 2;
    }

    private static double MaxWeighted(double[] error, double[] weights, int d)
    {
        var max = 0.0;
        for (var i = 0; i < d * d; i++)
        {
            if (weights[i] > 0)
            {
                max = Math.Max(max, Math.Abs(error[i]));
            }
        }

        return max;
    }
}
