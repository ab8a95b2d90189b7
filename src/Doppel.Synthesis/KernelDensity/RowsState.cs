using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.KernelDensity;

/// <summary>The JSON state of the row-based models (<c>kde</c>, <c>smote</c>).</summary>
/// <param name="Columns">The column encodings.</param>
/// <param name="Rows">The number of stored training rows.</param>
/// <param name="Bandwidth">kde: the numeric bandwidth (standardised units).</param>
/// <param name="DiscreteBandwidth">kde: the Aitchison-Aitken share.</param>
/// <param name="Neighbours">smote: neighbours stored per row.</param>
internal sealed record RowsState(ColumnEncoding[] Columns, int Rows, double Bandwidth, double DiscreteBandwidth, int Neighbours)
{
    public static void WriteRows(ModelWriter writer, string prefix, EncodedTable rows)
    {
        var numeric = rows.Numeric.SelectMany(c => c).ToArray();
        var discrete = rows.Discrete.SelectMany(c => c).ToArray();
        writer.WriteDoubles(prefix + "/numeric", numeric, rows.Numeric.Length, rows.Rows);
        writer.WriteInts(prefix + "/discrete", discrete, rows.Discrete.Length, rows.Rows);
    }

    public static EncodedTable ReadRows(ModelReader reader, string prefix, ColumnLayout layout, int rows)
    {
        if (rows < 1)
        {
            throw reader.Error("the model stores no rows");
        }

        var numeric = reader.ReadDoubles(prefix + "/numeric", layout.NumericCount, rows);
        var discrete = reader.ReadInts(prefix + "/discrete", layout.DiscreteCount, rows);
        var n = new double[layout.NumericCount][];
        for (var a = 0; a < n.Length; a++)
        {
            n[a] = numeric.AsSpan(a * rows, rows).ToArray();
        }

        var d = new int[layout.DiscreteCount][];
        for (var j = 0; j < d.Length; j++)
        {
            d[j] = discrete.AsSpan(j * rows, rows).ToArray();
            if (d[j].Any(c => c < 0 || c >= layout.Levels[j]))
            {
                throw reader.Error($"discrete slot {j} holds a code outside its {layout.Levels[j]} levels");
            }
        }

        return new EncodedTable(rows, n, d);
    }
}
