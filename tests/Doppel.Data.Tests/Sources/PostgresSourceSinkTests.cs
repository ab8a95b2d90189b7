namespace Doppel.Data.Tests;

[Collection(PostgresGroup.Name)]
public sealed class PostgresSourceSinkTests(PostgresServer server)
{
    [Fact]
    public void Write_ThenRead_GivesTheSameTable()
    {
        var table = FileSourceSinkTests.Mixed(3000, 21);
        var location = server.Table("mixed_roundtrip");

        TableIO.Write(location, table, new TableSinkOptions { Replace = true });
        var back = TableIO.Read(location, new TableSourceOptions { Schema = table.Schema });

        TableAssert.Equal(table, back);
    }

    [Fact]
    public void Read_WithoutSchema_InfersKindsFromColumnTypes()
    {
        var table = FileSourceSinkTests.Mixed(2000, 22);
        var location = server.Table("mixed_inferred");
        TableIO.Write(location, table, new TableSinkOptions { Replace = true });

        using var source = TableIO.OpenSource(location);
        var batches = source.ReadBatches(600).ToList();

        Assert.Equal(table.Schema.Columns.Select(c => (c.Name, c.Kind)), source.Schema.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal([600, 600, 600, 200], batches.Select(b => b.RowCount));
    }

    [Fact]
    public void Dispose_WithoutComplete_LeavesNoTable()
    {
        var table = FileSourceSinkTests.Mixed(100, 23);
        var location = server.Table("never_committed");

        using (var sink = TableIO.CreateSink(location, table.Schema))
        {
            sink.WriteBatch(table);
        }

        Assert.Throws<DataFormatException>(() => TableIO.OpenSource(location).Dispose());
    }

    [Fact]
    public void Dispose_WithoutComplete_KeepsThePreviousTable()
    {
        var before = FileSourceSinkTests.Mixed(40, 24);
        var location = server.Table("kept_on_abort");
        TableIO.Write(location, before, new TableSinkOptions { Replace = true });

        using (var sink = TableIO.CreateSink(location, before.Schema, new TableSinkOptions { Replace = true }))
        {
            sink.WriteBatch(FileSourceSinkTests.Mixed(90, 25));
        }

        TableAssert.Equal(before, TableIO.Read(location, new TableSourceOptions { Schema = before.Schema }));
    }

    [Fact]
    public void CreateSink_TableExists_IsRefusedUnlessReplace()
    {
        var table = FileSourceSinkTests.Mixed(10, 26);
        var location = server.Table("exists_already");
        TableIO.Write(location, table, new TableSinkOptions { Replace = true });

        var error = Assert.Throws<DoppelException>(() => TableIO.Write(location, table));
        TableIO.Write(location, FileSourceSinkTests.Mixed(20, 27), new TableSinkOptions { Replace = true });

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(20, TableIO.Read(location).RowCount);
    }

    [Theory]
    [InlineData("x\"; DROP TABLE victim; --")]
    [InlineData("Robert'); DELETE FROM victim; --")]
    [InlineData("public.victim")]
    [InlineData("a\\b $1 %s")]
    public void Write_InjectionLikeNames_AreJustNames(string name)
    {
        var victim = FileSourceSinkTests.Mixed(5, 28);
        TableIO.Write(server.Table("victim"), victim, new TableSinkOptions { Replace = true });
        var table = new Table([new IntegerColumn(name, [1, 2, 3]), CategoricalColumn.FromLabels(name + "2", ["'", "\"", "; --"])]);

        TableIO.Write(server.Table(name), table, new TableSinkOptions { Replace = true });

        TableAssert.Equal(table, TableIO.Read(server.Table(name), new TableSourceOptions { Schema = table.Schema }));
        TableAssert.Equal(victim, TableIO.Read(server.Table("victim"), new TableSourceOptions { Schema = victim.Schema }));
    }

    [Fact]
    public void OpenSource_UnreachableServer_MessageHidesThePassword()
    {
        var location = TableLocation.Parse("postgres:people", connection: "postgresql://me:s3cret-pw@127.0.0.1:1/nowhere");

        var error = Assert.Throws<DoppelException>(() => TableIO.OpenSource(location).Dispose());

        Assert.Contains("127.0.0.1:1/nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", location.ToString(), StringComparison.Ordinal);
    }
}
