using Doppel.TestKit;

namespace Doppel.Data.Tests;

public sealed class FileSourceSinkTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Targets => new() { "t.csv", "t.parquet", "sqlite:t.db" };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Write_ThenRead_GivesTheSameTable(string target)
    {
        var table = Mixed(3000, 11);
        var location = Location(target);

        TableIO.Write(location, table);
        var back = TableIO.Read(location, new TableSourceOptions { Schema = table.Schema });

        TableAssert.Equal(table, back);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void WriteBatch_ManyBatches_ReadBackInOrderInBoundedBatches(string target)
    {
        var table = Mixed(2500, 12);
        var location = Location(target);
        using (var sink = TableIO.CreateSink(location, table.Schema, new TableSinkOptions { Parquet = new ParquetTableSinkOptions { RowGroupRows = 700 } }))
        {
            for (var start = 0; start < table.RowCount; start += 300)
            {
                sink.WriteBatch(table.Slice(start, Math.Min(300, table.RowCount - start)));
            }

            sink.Complete();
            Assert.Equal(2500, sink.RowsWritten);
        }

        using var source = TableIO.OpenSource(location, new TableSourceOptions { Schema = table.Schema });
        var batches = source.ReadBatches(512).ToList();

        Assert.All(batches, b => Assert.InRange(b.RowCount, 1, 512));
        TableAssert.Equal(table, TableConcat.Concat(batches));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Dispose_WithoutComplete_LeavesPreviousTableUntouched(string target)
    {
        var before = Mixed(50, 1);
        var location = Location(target);
        TableIO.Write(location, before);

        using (var sink = TableIO.CreateSink(location, before.Schema, new TableSinkOptions { Replace = true }))
        {
            sink.WriteBatch(Mixed(80, 2));
        }

        TableAssert.Equal(before, TableIO.Read(location, new TableSourceOptions { Schema = before.Schema }));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Theory]
    [InlineData("t.parquet")]
    [InlineData("sqlite:t.db")]
    public void Read_WithoutSchema_InfersKindsFromStorage(string target)
    {
        var table = Mixed(2000, 5);
        var location = Location(target);
        TableIO.Write(location, table);

        var back = TableIO.Read(location);

        Assert.Equal(table.Schema.Columns.Select(c => (c.Name, c.Kind)), back.Schema.Columns.Select(c => (c.Name, c.Kind)));
    }

    [Fact]
    public void CreateSink_SqliteTableExists_IsRefusedUnlessReplace()
    {
        var table = Mixed(10, 3);
        var location = Location("sqlite:t.db");
        TableIO.Write(location, table);

        var error = Assert.Throws<DoppelException>(() => TableIO.Write(location, table));
        TableIO.Write(location, Mixed(20, 4), new TableSinkOptions { Replace = true });

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(20, TableIO.Read(location).RowCount);
    }

    [Theory]
    [InlineData("x\"; DROP TABLE victim; --")]
    [InlineData("Robert'); DELETE FROM victim; --")]
    [InlineData("a.b [c] `d`")]
    public void Write_SqliteInjectionLikeNames_AreJustNames(string name)
    {
        var victim = Mixed(5, 6);
        TableIO.Write(Location("sqlite:t.db", "victim"), victim);
        var table = new Table([new IntegerColumn(name, [1, 2, 3]), CategoricalColumn.FromLabels(name + "2", ["'", "\"", ";"])]);

        TableIO.Write(Location("sqlite:t.db", name), table);

        TableAssert.Equal(table, TableIO.Read(Location("sqlite:t.db", name), new TableSourceOptions { Schema = table.Schema }));
        Assert.Equal(5, TableIO.Read(Location("sqlite:t.db", "victim")).RowCount);
    }

    [Fact]
    public void Read_SqliteMissingTable_NamesTheTables()
    {
        TableIO.Write(Location("sqlite:t.db", "people"), Mixed(5, 6));

        var error = Assert.Throws<DataFormatException>(() => TableIO.Read(Location("sqlite:t.db", "nobody")));

        Assert.Contains("people", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The mixed test table with instants cut to whole seconds, the resolution of its date format.</summary>
    internal static Table Mixed(int rows, ulong seed)
    {
        var table = TestTables.Mixed(rows, seed);
        return new Table(table.Schema, table.Columns.Select(c => c is DateTimeColumn d
            ? new DateTimeColumn(d.Name, [.. d.Ticks.Select(t => t - (t % TimeSpan.TicksPerSecond))], null, d.Format)
            : c));
    }

    private TableLocation Location(string target, string table = "items") =>
        target.StartsWith("sqlite:", StringComparison.Ordinal)
            ? TableLocation.Parse("sqlite:" + _folder.File(target["sqlite:".Length..]), table)
            : TableLocation.Parse(_folder.File(target));
}
