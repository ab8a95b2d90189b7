using CsCheck;
using Doppel.TestKit;

namespace Doppel.Data.Tests;

/// <summary>Round trips of generated tables through every sink and source, over fixed seeds (see <see cref="FixedSeeds"/>).</summary>
public sealed class RoundTripPropertyTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Csv_AnyTable_SurvivesExactly() =>
        FixedSeeds.Check(TableGen.FiniteTable, table => RoundTrip(table, TableLocation.File(_folder.File(Guid.NewGuid().ToString("N") + ".csv"))), iter: 300);

    [Fact]
    public void Parquet_AnyTable_SurvivesExactly() =>
        FixedSeeds.Check(TableGen.Table, table => RoundTrip(table, TableLocation.File(_folder.File(Guid.NewGuid().ToString("N") + ".parquet"))), iter: 300);

    [Fact]
    public void Sqlite_AnyTable_SurvivesExactly() =>
        FixedSeeds.Check(TableGen.Table, table => RoundTrip(table, TableLocation.Sqlite(_folder.File(Guid.NewGuid().ToString("N") + ".db"), "t"), sqlite: true), iter: 300);

    internal static void RoundTrip(Table table, TableLocation location, bool sqlite = false)
    {
        TableIO.Write(location, table, new TableSinkOptions { Replace = true });

        var back = TableIO.Read(location, new TableSourceOptions { Schema = table.Schema });

        // SQLite writes a whole REAL as an integer on disk, so -0.0 comes back as 0.0; every other value survives.
        TableAssert.Equal(sqlite ? WithoutNegativeZero(table) : table, back);
    }

    private static Table WithoutNegativeZero(Table table) => new(table.Schema, table.Columns.Select(c => c is NumericColumn n
        ? new NumericColumn(n.Name, [.. n.Values.Select(v => v == 0 ? 0.0 : v)], n.HasMissing ? n.Missing.ToArray() : null)
        : c));
}

[Collection(PostgresGroup.Name)]
public sealed class PostgresRoundTripPropertyTests(PostgresServer server)
{
    [Fact]
    public void Postgres_AnyTable_SurvivesExactly() =>
        FixedSeeds.Check(TableGen.Table, table => RoundTripPropertyTests.RoundTrip(table, server.Table("property_" + Environment.CurrentManagedThreadId)), iter: 200, threads: 1);
}
