using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Api.Tests;

public sealed class FilesTests
{
    [Fact]
    public void WriteCsv_ReadCsv_SameValues()
    {
        using var folder = TestData.TempFolder();
        var table = TestTables.Mixed(50, seed: 1);
        var path = Path.Combine(folder.Path, "t.csv");

        table.WriteCsv(path);
        var back = Table.ReadCsv(path, new CsvReadOptions { Schema = table.Schema });

        Assert.Equal(TestTables.Render(table), TestTables.Render(back));
    }

    [Fact]
    public void WriteParquet_ReadParquet_SameSchemaAndValues()
    {
        using var folder = TestData.TempFolder();
        // Parquet stores booleans as booleans, so only the default true/false spellings come back; drop the yes/no column.
        var table = TestTables.Mixed(50, seed: 2).Select(["x", "n", "color", "when", "id"]);
        var path = Path.Combine(folder.Path, "t.parquet");

        table.WriteParquet(path);
        var back = Table.ReadParquet(path);

        Assert.Equal(table.Schema, back.Schema);
        Assert.Equal(TestTables.Render(table), TestTables.Render(back));
    }

    [Fact]
    public void WriteSqlite_ExistingTable_RefusedUnlessReplace()
    {
        using var folder = TestData.TempFolder();
        var table = TestTables.Mixed(40, seed: 3);
        var db = Path.Combine(folder.Path, "t.db");

        table.WriteSqlite(db, "people");
        Assert.Throws<DoppelException>(() => table.WriteSqlite(db, "people"));
        table.Slice(0, 10).WriteSqlite(db, "people", replace: true);
        var back = Table.ReadSqlite(db, "people");

        Assert.Equal(10, back.RowCount);
    }

    [Fact]
    public void ReadCsv_ParquetPath_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Table.ReadCsv("x.parquet"));
    }

    [Fact]
    public void SampleTo_Sqlite_WritesAllRowsInBatches()
    {
        using var folder = TestData.TempFolder();
        var model = Synthesizers.Independent().Fit(TestTables.Mixed(100, seed: 4));
        var db = Path.Combine(folder.Path, "s.db");
        var reports = new List<SampleProgress>();

        model.SampleTo(TableLocation.Sqlite(db, "synthetic"), 9_000, new() { Seed = 1, BatchSize = 4_000 }, progress: new Progress(reports));

        Assert.Equal(9_000, Table.ReadSqlite(db, "synthetic").RowCount);
        Assert.Equal([4_000L, 8_000L, 9_000L], reports.Select(r => r.Rows));
    }

    private sealed class Progress(List<SampleProgress> reports) : IProgress<SampleProgress>
    {
        public void Report(SampleProgress value) => reports.Add(value);
    }
}
