using Doppel.Data;

namespace Doppel.Synthesis.Tests;

/// <summary>
/// Column shapes and pair trends as defined in the reference figures (KS and TV complements; Pearson and contingency
/// similarity over numeric-numeric and discrete-discrete pairs), computed locally for the synthesizer tests.
/// </summary>
internal static class LocalQualityScores
{
    /// <summary>The mean over columns of 1 - KS (numeric) or 1 - TVD (discrete, missing as its own category).</summary>
    public static double ColumnShapes(Table real, Table synthetic) =>
        Enumerable.Range(0, real.ColumnCount).Where(j => real[j].Kind != ColumnKind.Identifier).Average(j => IsNumeric(real[j])
            ? 1 - Ks(Numbers(real[j]), Numbers(synthetic[j]))
            : 1 - Tvd(Labels(real[j]), Labels(synthetic[j])));

    /// <summary>The mean over numeric pairs of 1 - |r_real - r_syn| / 2 and over discrete pairs of 1 - TVD of the joint table.</summary>
    public static double PairTrends(Table real, Table synthetic)
    {
        var scores = new List<double>();
        for (var a = 0; a < real.ColumnCount; a++)
        {
            for (var b = a + 1; b < real.ColumnCount; b++)
            {
                if (IsNumeric(real[a]) && IsNumeric(real[b]))
                {
                    scores.Add(1 - (Math.Abs(Pearson(real[a], real[b]) - Pearson(synthetic[a], synthetic[b])) / 2));
                }
                else if (IsDiscrete(real[a]) && IsDiscrete(real[b]))
                {
                    scores.Add(1 - Tvd(Pairs(real[a], real[b]), Pairs(synthetic[a], synthetic[b])));
                }
            }
        }

        return scores.Average();
    }

    public static IEnumerable<string> PairDetails(Table real, Table synthetic)
    {
        for (var a = 0; a < real.ColumnCount; a++)
        {
            for (var b = a + 1; b < real.ColumnCount; b++)
            {
                if (IsNumeric(real[a]) && IsNumeric(real[b]))
                {
                    yield return $"{real[a].Name} x {real[b].Name}: r {Pearson(real[a], real[b]):F3} vs {Pearson(synthetic[a], synthetic[b]):F3}";
                }
                else if (IsDiscrete(real[a]) && IsDiscrete(real[b]))
                {
                    yield return $"{real[a].Name} x {real[b].Name}: tvd {Tvd(Pairs(real[a], real[b]), Pairs(synthetic[a], synthetic[b])):F3}";
                }
            }
        }
    }

    /// <summary>A reproducible split: rows shuffled by <c>Rng(seed)</c>, the first <paramref name="share"/> for training.</summary>
    public static (Table Train, Table Holdout) Split(Table table, double share, ulong seed)
    {
        var rng = new Rng(seed);
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var cut = (int)Math.Round(share * order.Length);
        return (table.Take(order.AsSpan(0, cut)), table.Take(order.AsSpan(cut)));
    }

    private static bool IsNumeric(Column c) => c.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;

    private static bool IsDiscrete(Column c) => c.Kind is ColumnKind.Categorical or ColumnKind.Boolean;

    private static double Value(Column c, int i) => c switch
    {
        NumericColumn n => n.Values[i],
        IntegerColumn n => n.Values[i],
        DateTimeColumn d => d.Ticks[i],
        _ => throw new ArgumentException("not numeric", nameof(c)),
    };

    private static double[] Numbers(Column c) => [.. Enumerable.Range(0, c.Length).Where(i => !c.IsMissing(i)).Select(i => Value(c, i))];

    private static string[] Labels(Column c) => [.. Enumerable.Range(0, c.Length).Select(i => c.FormatValue(i) ?? "\0missing")];

    private static string[] Pairs(Column a, Column b) => [.. Enumerable.Range(0, a.Length).Select(i => (a.FormatValue(i) ?? "\0") + "\u0001" + (b.FormatValue(i) ?? "\0"))];

    private static double Tvd(string[] real, string[] synthetic)
    {
        var p = real.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count() / real.Length, StringComparer.Ordinal);
        var q = synthetic.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count() / synthetic.Length, StringComparer.Ordinal);
        return 0.5 * p.Keys.Union(q.Keys).Sum(k => Math.Abs(p.GetValueOrDefault(k) - q.GetValueOrDefault(k)));
    }

    private static double Ks(double[] a, double[] b) => IndependentSynthesizerTests.KsStatistic(a, b);

    private static double Pearson(Column a, Column b)
    {
        var rows = Enumerable.Range(0, a.Length).Where(i => !a.IsMissing(i) && !b.IsMissing(i)).ToArray();
        var x = rows.Select(i => Value(a, i)).ToArray();
        var y = rows.Select(i => Value(b, i)).ToArray();
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
