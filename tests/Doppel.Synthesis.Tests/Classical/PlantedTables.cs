using Doppel.Data;

namespace Doppel.Synthesis.Tests.Classical;

/// <summary>Seeded tables with planted structure for the classical synthesizers' tests.</summary>
internal static class PlantedTables
{
    /// <summary>
    /// Two clusters in (x, y): cluster A at (-3, -3) with correlation +0.8, cluster B at (3, 3) with correlation
    /// -0.5, both unit variance; column "group" names the cluster ("a" 40%, "b" 60%), "flag" is true in 90% of A
    /// and 20% of B, "count" is an integer near 10 + 5·x.
    /// </summary>
    public static Table TwoClusters(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[rows];
        var y = new double[rows];
        var counts = new long[rows];
        var flags = new bool[rows];
        var groups = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            var a = rng.NextDouble() < 0.4;
            var rho = a ? 0.8 : -0.5;
            var centre = a ? -3.0 : 3.0;
            var z1 = rng.NextGaussian();
            var z2 = rng.NextGaussian();
            x[i] = centre + z1;
            y[i] = centre + (rho * z1) + (Math.Sqrt(1 - (rho * rho)) * z2);
            counts[i] = (long)Math.Round(10 + (5 * x[i]) + rng.NextGaussian());
            flags[i] = rng.NextDouble() < (a ? 0.9 : 0.2);
            groups[i] = a ? "a" : "b";
        }

        return new Table(
        [
            new NumericColumn("x", x),
            new NumericColumn("y", y),
            new IntegerColumn("count", counts),
            new BooleanColumn("flag", flags, null, "yes", "no"),
            CategoricalColumn.FromLabels("group", groups),
        ]);
    }

    /// <summary>Only discrete columns: a latent class decides the distribution of three categorical columns.</summary>
    public static Table AllDiscrete(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var columns = new string?[3][];
        for (var j = 0; j < 3; j++)
        {
            columns[j] = new string?[rows];
        }

        for (var i = 0; i < rows; i++)
        {
            var latent = rng.NextDouble() < 0.5;
            for (var j = 0; j < 3; j++)
            {
                var u = rng.NextDouble();
                columns[j][i] = latent ? (u < 0.8 ? "p" : u < 0.9 ? "q" : "r") : (u < 0.1 ? "p" : u < 0.2 ? "q" : "r");
            }
        }

        return new Table(columns.Select((c, j) => (Column)CategoricalColumn.FromLabels($"c{j}", c)));
    }

    /// <summary>The share of rows where both <paramref name="a"/> and <paramref name="b"/> hold the given labels.</summary>
    public static double JointShare(Table table, string a, string labelA, string b, string labelB)
    {
        var hits = 0;
        for (var i = 0; i < table.RowCount; i++)
        {
            if (table[a].FormatValue(i) == labelA && table[b].FormatValue(i) == labelB)
            {
                hits++;
            }
        }

        return (double)hits / table.RowCount;
    }

    /// <summary>The values of a numeric column as doubles (missing rows skipped).</summary>
    public static double[] Numbers(Table table, string name)
    {
        var column = table[name];
        return [.. Enumerable.Range(0, table.RowCount).Where(i => !column.IsMissing(i)).Select(i => column switch
        {
            NumericColumn n => n.Values[i],
            IntegerColumn n => n.Values[i],
            _ => throw new ArgumentException(name),
        })];
    }

    /// <summary>Pearson correlation of two equal-length samples.</summary>
    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Saves and reloads a model through the model-file format.</summary>
    public static ISynthesizerModel RoundTrip(ISynthesizerModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return ModelFile.Load(stream, "model.zip", BuiltInSynthesizers.Registry);
    }

    /// <summary>Every value of a table as text, row by row (for byte-level comparisons).</summary>
    public static string?[] Cells(Table table) =>
        [.. Enumerable.Range(0, table.RowCount).SelectMany(i => Enumerable.Range(0, table.ColumnCount).Select(c => table.FormatValue(i, c)))];
}
