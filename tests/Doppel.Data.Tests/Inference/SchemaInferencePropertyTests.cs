using System.Globalization;
using System.Text;
using CsCheck;

namespace Doppel.Data.Tests;

/// <summary>Inference is idempotent: reading what the writer wrote gives the same schema, values and bytes.</summary>
public sealed class SchemaInferencePropertyTests : IDisposable
{
    private const string Seed = "0000000000N0";
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly DateTime Epoch = new(2000, 1, 1);

    /// <summary>One column's cells as text: a kind picked at random, then values of that kind, some cells missing.</summary>
    private static readonly Gen<string[]> ColumnGen =
        from kind in Gen.Int[0, 6]
        from rows in Gen.Int[1, 40]
        from cells in CellGen(kind).Array[rows]
        select cells;

    private static Gen<string> CellGen(int kind)
    {
        var value = kind switch
        {
            0 => Gen.Long[-1000, 1000].Select(v => v.ToString(CultureInfo.InvariantCulture)),
            1 => Gen.Double[-1e6, 1e6].Select(v => v.ToString("R", CultureInfo.InvariantCulture)),
            2 => Gen.Int[0, 20_000].Select(d => Epoch.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            3 => Gen.Int[0, 20_000].Select(d => Epoch.AddDays(d).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
            4 => Gen.Bool.Select(b => b ? "Yes" : "No"),
            5 => Gen.String[Gen.Char[" ab,\"x"], 1, 4],
            _ => Gen.OneOf(Gen.Int[0, 5].Select(v => v.ToString(CultureInfo.InvariantCulture)), Gen.String[Gen.Char["ab "], 1, 3]),
        };
        return Gen.Frequency((9, value), (1, Gen.Const("")));
    }

    [Fact]
    public void ReadWriteRead_AnyTable_SameSchemaValuesAndBytes()
    {
        var tableGen = Gen.Int[1, 4].SelectMany(n => ColumnGen.Array[n]).Where(cols => cols.All(c => c.Any(v => v.Trim().Length > 0)));

        tableGen.Sample(columns =>
        {
            var path = _files.Write(ToCsv(columns));
            var first = CsvTableReader.Read(path);
            var firstBytes = ToBytes(first);
            var second = CsvTableReader.Read(_files.WriteBytes(firstBytes));

            Assert.Equal(first.Schema, second.Schema);
            Assert.Equal(firstBytes, ToBytes(second));
            for (var c = 0; c < first.ColumnCount; c++)
            {
                for (var r = 0; r < first.RowCount; r++)
                {
                    Assert.Equal(first.FormatValue(r, c), second.FormatValue(r, c));
                }
            }
        }, seed: Seed, iter: 200, threads: 1);
    }

    private static byte[] ToBytes(Table table)
    {
        using var stream = new MemoryStream();
        CsvTableWriter.Write(table, stream);
        return stream.ToArray();
    }

    private static string ToCsv(string[][] columns)
    {
        var rows = columns.Max(c => c.Length);
        var text = new StringBuilder(string.Join(',', columns.Select((_, i) => $"c{i}"))).Append('\n');
        for (var r = 0; r < rows; r++)
        {
            text.AppendJoin(',', columns.Select(c => Quote(r < c.Length ? c[r] : ""))).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string cell) =>
        cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal)
            ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : cell;
}
