using System.Collections.Immutable;
using System.Globalization;
using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Evaluation.Tests;

/// <summary>Small column and table builders for the tests, plus the bundled Adult data read into a table.</summary>
internal static class Build
{
    public static NumericColumn Num(string name, params double[] values) =>
        new(name, values, values.Any(double.IsNaN) ? [.. values.Select(double.IsNaN)] : null);

    public static CategoricalColumn Cat(string name, params string?[] labels) => CategoricalColumn.FromLabels(name, labels);

    public static Table Table(params Column[] columns) => new(columns);

    private static readonly Lazy<Table> AdultTable = new(() => ReadAdult(TestData.File("adult.csv")));

    /// <summary>The 32,561 rows of Adult: six integer columns, the rest categorical (labels kept verbatim).</summary>
    public static Table Adult => AdultTable.Value;

    private static Table ReadAdult(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var columns = new List<Column>();
        for (var c = 0; c < header.Length; c++)
        {
            var values = rows.Select(r => r[c]).ToArray();
            if (values.All(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
            {
                columns.Add(new IntegerColumn(header[c], [.. values.Select(v => long.Parse(v, CultureInfo.InvariantCulture))]));
            }
            else
            {
                columns.Add(CategoricalColumn.FromLabels(header[c], values.Select(v => v.Trim() == "?" ? null : v).ToArray()));
            }
        }

        return new Table(columns);
    }

    /// <summary>A seeded row split of a table into (first, second) with <paramref name="secondShare"/> of the rows in the second.</summary>
    public static (Table First, Table Second) Split(Table table, double secondShare, ulong seed)
    {
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        new Rng(seed).Shuffle(order);
        var cut = (int)Math.Round(table.RowCount * (1 - secondShare));
        return (table.Take(order.AsSpan(0, cut)), table.Take(order.AsSpan(cut)));
    }

    public static ImmutableArray<string> Labels(params string[] labels) => [.. labels];
}
