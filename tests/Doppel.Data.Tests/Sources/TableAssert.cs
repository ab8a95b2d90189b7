using System.Globalization;
using Xunit.Sdk;

namespace Doppel.Data.Tests;

/// <summary>Exact table comparison: names, kinds, missing masks and values bit for bit (doubles by their bits, instants by ticks).</summary>
internal static class TableAssert
{
    public static void Equal(Table expected, Table actual, long tickResolution = 1)
    {
        Assert.Equal(expected.Schema.Columns.Select(c => (c.Name, c.Kind)), actual.Schema.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            for (var r = 0; r < expected.RowCount; r++)
            {
                var e = Cell(expected[c], r, tickResolution);
                var a = Cell(actual[c], r, tickResolution);
                if (e != a)
                {
                    throw new XunitException($"column '{expected[c].Name}', row {r}: expected {Show(e)} but found {Show(a)}");
                }
            }
        }
    }

    private static string? Cell(Column column, int row, long tickResolution)
    {
        if (column.IsMissing(row))
        {
            return null;
        }

        return column switch
        {
            NumericColumn x => BitConverter.DoubleToInt64Bits(x.Values[row]).ToString(CultureInfo.InvariantCulture),
            DateTimeColumn x => (x.Ticks[row] / tickResolution).ToString(CultureInfo.InvariantCulture),
            BooleanColumn x => x.Values[row] ? "T" : "F",
            _ => "'" + column.FormatValue(row) + "'",
        };
    }

    private static string Show(string? cell) => cell is null ? "missing" : cell.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
