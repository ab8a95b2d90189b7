using Doppel.Data;
using Doppel.TestKit;
using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis.Tests;

/// <summary>Two-sample comparisons for conditioned samples, each at a stated false-alarm rate α.</summary>
internal static class ConditionStats
{
    /// <summary>Asserts the two samples of numeric column <paramref name="name"/> pass a two-sample KS test at α = 1e-4.</summary>
    public static void SameNumeric(Table a, Table b, string name)
    {
        var x = NumericValues.ToArray(a[name]).Where(v => !double.IsNaN(v)).ToArray();
        var y = NumericValues.ToArray(b[name]).Where(v => !double.IsNaN(v)).ToArray();
        var ks = IndependentSynthesizerTests.KsStatistic(x, y);
        var critical = StatAssert.KsCritical(x.Length, y.Length);
        Assert.True(ks < critical, $"'{name}': KS {ks:G4} ≥ c(α)·√((n+m)/(n·m)) = {critical:G4} (α = 1e-4, n = {x.Length}, m = {y.Length})");
    }

    /// <summary>
    /// Asserts the label counts of column <paramref name="name"/> pass a chi-square test of homogeneity at α = 1e-4
    /// (labels expected fewer than 5 times in either sample are pooled).
    /// </summary>
    public static void SameLabels(Table a, Table b, string name)
    {
        var labelsA = Labels(a, name);
        var labelsB = Labels(b, name);
        var keys = labelsA.Keys.Union(labelsB.Keys).ToList();
        double n = a.RowCount;
        double m = b.RowCount;
        var cells = new List<(double A, double B)>();
        (double A, double B) pooled = (0, 0);
        foreach (var key in keys)
        {
            var ca = labelsA.GetValueOrDefault(key);
            var cb = labelsB.GetValueOrDefault(key);
            var share = (ca + cb) / (n + m);
            if (share * Math.Min(n, m) < 5)
            {
                pooled = (pooled.A + ca, pooled.B + cb);
            }
            else
            {
                cells.Add((ca, cb));
            }
        }

        if (pooled.A + pooled.B > 0)
        {
            cells.Add(pooled);
        }

        double chi = 0;
        foreach (var (ca, cb) in cells)
        {
            var share = (ca + cb) / (n + m);
            chi += ((ca - (share * n)) * (ca - (share * n)) / (share * n)) + ((cb - (share * m)) * (cb - (share * m)) / (share * m));
        }

        var df = Math.Max(1, cells.Count - 1);
        var critical = ChiSquared.InvCDF(df, 1 - 1e-4);
        Assert.True(chi < critical, $"'{name}': χ² {chi:G4} ≥ χ²({df}) quantile 1 − 1e-4 = {critical:G4} (n = {n}, m = {m})");
    }

    private static Dictionary<string, double> Labels(Table table, string name)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < table.RowCount; i++)
        {
            var label = table[name].FormatValue(i) ?? "\0missing";
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        return counts;
    }
}
