using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Doppel.Data;

namespace Doppel.TestKit;

/// <summary>Seeded in-memory tables for tests, and a text rendering to compare tables byte for byte.</summary>
public static class TestTables
{
    /// <summary>
    /// A table with one column of every learnable kind plus an identifier: <c>x</c> (normal, about 5% missing),
    /// <c>n</c> (integer 0..99, correlated with x), <c>color</c> (4 labels with unequal shares), <c>flag</c>
    /// (boolean, "yes"/"no"), <c>when</c> (dates over one year), <c>id</c> (unique keys).
    /// </summary>
    public static Table Mixed(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[rows];
        var xMissing = new bool[rows];
        var n = new long[rows];
        var color = new string?[rows];
        var flag = new bool[rows];
        var when = new long[rows];
        var id = new string?[rows];
        string[] labels = ["red", "green", " blue", "black"];
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
        for (var i = 0; i < rows; i++)
        {
            var z = rng.NextGaussian();
            x[i] = 10 + (3 * z);
            xMissing[i] = rng.NextDouble() < 0.05;
            n[i] = Math.Clamp((long)Math.Round(50 + (15 * z) + (5 * rng.NextGaussian())), 0, 99);
            var u = rng.NextDouble();
            color[i] = u < 0.5 ? labels[0] : u < 0.8 ? labels[1] : u < 0.95 ? labels[2] : labels[3];
            flag[i] = rng.NextDouble() < 0.3;
            when[i] = start + (long)(rng.NextDouble() * TimeSpan.TicksPerDay * 365);
            id[i] = "k" + i.ToString(CultureInfo.InvariantCulture);
        }

        return new Table(
        [
            new NumericColumn("x", x, xMissing),
            new IntegerColumn("n", n),
            CategoricalColumn.FromLabels("color", color),
            new BooleanColumn("flag", flag, null, "yes", "no"),
            new DateTimeColumn("when", when, null, "yyyy-MM-dd HH:mm:ss"),
            new IdentifierColumn("id", id),
        ]);
    }

    /// <summary>A table of <paramref name="rows"/> rows with a constant numeric, a constant label and an all-missing numeric and categorical column next to a varying one.</summary>
    public static Table Awkward(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var varying = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            varying[i] = rng.NextGaussian();
        }

        var allMissing = Enumerable.Repeat(true, rows).ToArray();
        return new Table(
        [
            new NumericColumn("varying", varying),
            new NumericColumn("constant", Enumerable.Repeat(4.25, rows).ToArray()),
            new IntegerColumn("constant_int", Enumerable.Repeat(7L, rows).ToArray()),
            new CategoricalColumn("one_label", new int[rows], ["only"]),
            new NumericColumn("empty", new double[rows], allMissing),
            new CategoricalColumn("empty_label", Enumerable.Repeat(-1, rows).ToArray(), []),
        ]);
    }

    /// <summary>A table whose one categorical column has <paramref name="categories"/> labels, each appearing about equally often.</summary>
    public static Table ManyCategories(int rows, int categories, ulong seed)
    {
        var rng = new Rng(seed);
        var codes = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            codes[i] = i < categories ? i : rng.Next(categories);
        }

        var labels = Enumerable.Range(0, categories).Select(c => "c" + c.ToString(CultureInfo.InvariantCulture)).ToImmutableArray();
        var numbers = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            numbers[i] = codes[i] + rng.NextDouble();
        }

        return new Table([new CategoricalColumn("label", codes, labels), new NumericColumn("value", numbers)]);
    }

    /// <summary>Every cell as a writer would write it (missing as <c>\0</c>), one line per row: equal text means equal tables.</summary>
    public static string Render(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.AppendJoin(',', table.Schema.Columns.Select(c => $"{c.Name}:{c.Kind}")).Append('\n');
        for (var i = 0; i < table.RowCount; i++)
        {
            for (var j = 0; j < table.ColumnCount; j++)
            {
                text.Append(j == 0 ? "" : ",").Append(table.FormatValue(i, j) ?? "\0");
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
