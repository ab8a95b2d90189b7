using MathNet.Numerics;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// Pearson's chi-square test of homogeneity on a 2 × K table of category counts (real against synthetic),
/// without continuity correction, categories absent from both tables dropped: the same as SciPy's
/// <c>chi2_contingency(table, correction=False)</c>.
/// </summary>
internal static class ChiSquare
{
    /// <summary>The statistic, degrees of freedom and p-value; NaN when fewer than two categories occur.</summary>
    public static (double Statistic, int DegreesOfFreedom, double PValue) Homogeneity(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        double na = 0, nb = 0;
        var used = 0;
        for (var k = 0; k < a.Length; k++)
        {
            na += a[k];
            nb += b[k];
            used += a[k] + b[k] > 0 ? 1 : 0;
        }

        if (used < 2 || na == 0 || nb == 0)
        {
            return (double.NaN, 0, double.NaN);
        }

        var total = na + nb;
        var statistic = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var column = a[k] + b[k];
            if (column == 0)
            {
                continue;
            }

            var ea = na * column / total;
            var eb = nb * column / total;
            statistic += ((a[k] - ea) * (a[k] - ea) / ea) + ((b[k] - eb) * (b[k] - eb) / eb);
        }

        var dof = used - 1;
        return (statistic, dof, SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2));
    }

    /// <summary>
    /// Cramér's V of an r × c contingency table (no bias correction): √(χ² / (n · (min(r, c) − 1))) over the
    /// rows and columns that occur; NaN when either side takes a single value.
    /// </summary>
    public static double CramersV(long[,] table)
    {
        var rows = table.GetLength(0);
        var cols = table.GetLength(1);
        var rowSums = new double[rows];
        var colSums = new double[cols];
        double n = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                rowSums[i] += table[i, j];
                colSums[j] += table[i, j];
                n += table[i, j];
            }
        }

        var r = rowSums.Count(s => s > 0);
        var c = colSums.Count(s => s > 0);
        if (r < 2 || c < 2)
        {
            return double.NaN;
        }

        var chi2 = 0.0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                if (rowSums[i] > 0 && colSums[j] > 0)
                {
                    var expected = rowSums[i] * colSums[j] / n;
                    var d = table[i, j] - expected;
                    chi2 += d * d / expected;
                }
            }
        }

        return Math.Min(1, Math.Sqrt(chi2 / (n * (Math.Min(r, c) - 1))));
    }
}
