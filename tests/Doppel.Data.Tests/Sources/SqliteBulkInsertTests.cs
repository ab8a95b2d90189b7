using CsCheck;
using Doppel.TestKit;

namespace Doppel.Data.Tests;

/// <summary>The SQLite sink's multi-row statements: full groups, the one-row remainder, wide tables and several batches.</summary>
public sealed class SqliteBulkInsertTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Write_RowCountsAroundTheStatementSize_ReadBackExactly(int rows)
    {
        var table = TestTables.Mixed(rows, 7);
        var location = TableLocation.Sqlite(_folder.File("t.db"), "t");

        RoundTripPropertyTests.RoundTrip(table, location, sqlite: true);
    }

    [Fact]
    public void Write_WideTable_FewerRowsPerStatementReadBackExactly()
    {
        // 400 columns: 32,766 parameters hold 81 rows per statement.
        var rng = new Rng(8);
        var columns = Enumerable.Range(0, 400).Select(c => (Column)new NumericColumn("c" + c, [.. Enumerable.Range(0, 250).Select(_ => rng.NextGaussian())])).ToList();
        var table = new Table(columns);

        RoundTripPropertyTests.RoundTrip(table, TableLocation.Sqlite(_folder.File("wide.db"), "wide"), sqlite: true);
    }

    [Fact]
    public void Write_SeveralBatches_RowsInOrder()
    {
        var table = TestTables.Mixed(3000, 9);
        var location = TableLocation.Sqlite(_folder.File("b.db"), "b");

        using (var sink = TableIO.CreateSink(location, table.Schema))
        {
            foreach (var (start, count) in new[] { (0, 1000), (1000, 129), (1129, 1), (1130, 1870) })
            {
                sink.WriteBatch(table.Slice(start, count));
            }

            sink.Complete();
        }

        TableAssert.Equal(table, TableIO.Read(location, new TableSourceOptions { Schema = table.Schema }));
    }

    [Fact]
    public void FixedSeeds_SameSeed_SameTable()
    {
        var first = TableGen.Table.Generate(PCG.Parse(FixedSeeds.Seed(3)), null, out _);
        var second = TableGen.Table.Generate(PCG.Parse(FixedSeeds.Seed(3)), null, out _);

        TableAssert.Equal(first, second);
    }
}
