using Doppel.Data;
using Doppel.Interop;
using Doppel.TestKit;
using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace Doppel.Api.Tests;

public sealed class InteropTests
{
    public enum Plan
    {
        Free,
        Basic,
        Premium,
    }

    public sealed record Customer(
        string Name, int Age, double? Income, bool Member, Plan Plan, DateTime Joined, DateOnly Birthday, long? Visits, Guid Id, decimal Balance);

    public sealed class Settable
    {
        public string? City { get; set; }

        public float Score { get; init; }

        public short? Rank { get; set; }
    }

    private sealed class Scored
    {
        public float Score { get; set; }

        public string Label { get; set; } = "";
    }

    private static List<Customer> Customers() =>
    [
        new("Ada", 36, 81_000.5, true, Plan.Premium, new DateTime(2020, 5, 1, 13, 30, 0, DateTimeKind.Unspecified), new DateOnly(1988, 12, 10), 12, Guid.Parse("8a6f0c1e-1111-4b7a-9d6a-000000000001"), 10.25m),
        new("Brian", 51, null, false, Plan.Free, new DateTime(2021, 1, 2, 0, 0, 0, DateTimeKind.Unspecified), new DateOnly(1973, 2, 3), null, Guid.Parse("8a6f0c1e-1111-4b7a-9d6a-000000000002"), -3.5m),
        new("Chloé", 29, 42_000, true, Plan.Basic, new DateTime(2022, 7, 9, 8, 15, 0, DateTimeKind.Unspecified), new DateOnly(1995, 7, 31), 0, Guid.Parse("8a6f0c1e-1111-4b7a-9d6a-000000000003"), 0m),
    ];

    [Fact]
    public void FromRecords_PositionalRecord_KindsFromPropertyTypes()
    {
        var table = Table.FromRecords(Customers(), identifiers: ["Name"]);

        Assert.Equal(
            [ColumnKind.Identifier, ColumnKind.Integer, ColumnKind.Continuous, ColumnKind.Boolean, ColumnKind.Categorical,
             ColumnKind.DateTime, ColumnKind.DateTime, ColumnKind.Integer, ColumnKind.Identifier, ColumnKind.Continuous],
            table.Schema.Columns.Select(c => c.Kind));
        Assert.Equal(["Free", "Basic", "Premium"], ((CategoricalColumn)table["Plan"]).Categories.ToArray());
        Assert.True(table["Income"].IsMissing(1));
        Assert.Equal("1973-02-03", table.FormatValue(1, 6));
    }

    [Fact]
    public void ToRecords_FromRecords_RoundTripsPositionalRecords()
    {
        var customers = Customers();

        var back = Table.FromRecords(customers).ToRecords<Customer>();

        Assert.Equal(customers, back);
    }

    [Fact]
    public void ToRecords_SettableProperties_SetAndNullsKept()
    {
        var rows = new[] { new Settable { City = "Oslo", Score = 1.5f, Rank = 2 }, new Settable { City = null, Score = -2f, Rank = null } };

        var back = Table.FromRecords(rows).ToRecords<Settable>();

        Assert.Equal(["Oslo", null], back.Select(r => r.City));
        Assert.Equal([1.5f, -2f], back.Select(r => r.Score));
        Assert.Equal([(short?)2, null], back.Select(r => r.Rank));
    }

    [Fact]
    public void ToRecords_MissingIntoNonNullable_ThrowsSchemaException()
    {
        var table = new Table([new IntegerColumn("Age", [1, 2], [false, true])]);

        var e = Assert.Throws<SchemaException>(() => table.ToRecords<AgeOnly>());

        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
    }

    public sealed record AgeOnly(int Age);

    [Fact]
    public void FromRecords_UnsupportedPropertyType_ThrowsSchemaException()
    {
        Assert.Throws<SchemaException>(() => Table.FromRecords(new[] { new { Span = TimeSpan.Zero } }));
    }

    [Fact]
    public void DataFrame_RoundTripWithSchema_SameTable()
    {
        var table = TestTables.Mixed(200, seed: 21).Select(["x", "n", "color", "when", "id"]);

        var back = Table.FromDataFrame(table.ToDataFrame(), table.Schema);

        Assert.Equal(TestTables.Render(table), TestTables.Render(back));
    }

    [Fact]
    public void DataFrame_Booleans_ValuesAndMissingKept()
    {
        var table = new Table([new BooleanColumn("b", [true, false, true], [false, false, true])]);

        var back = Table.FromDataFrame(table.ToDataFrame());

        var column = (BooleanColumn)back["b"];
        Assert.Equal([true, false], column.Values[..2]);
        Assert.True(column.IsMissing(2));
    }

    [Fact]
    public void DataFrame_WithoutSchema_StringsAreCategorical()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("s", ["a", null, "b"]),
            new SingleDataFrameColumn("f", [1f, 2f, 3f]),
            new Int32DataFrameColumn("i", [1, null, 3]));

        var table = Table.FromDataFrame(frame);

        Assert.Equal([ColumnKind.Categorical, ColumnKind.Continuous, ColumnKind.Integer], table.Schema.Columns.Select(c => c.Kind));
        Assert.True(table["s"].IsMissing(1));
        Assert.True(table["i"].IsMissing(1));
    }

    [Fact]
    public void DataView_RoundTripWithSchema_SameTable()
    {
        var table = TestTables.Mixed(150, seed: 22).Select(["x", "n", "color", "when", "id"]);

        var back = Table.FromDataView(table.ToDataView(), table.Schema);

        Assert.Equal(TestTables.Render(table), TestTables.Render(back));
    }

    [Fact]
    public void DataView_FromMlNet_ReadsFloatsAndText()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(new[] { new Scored { Score = 0.5f, Label = "yes" }, new Scored { Score = 2f, Label = "no" } });

        var table = Table.FromDataView(view);

        Assert.Equal([0.5, 2.0], ((NumericColumn)table["Score"]).Values);
        Assert.Equal("yes", table.FormatValue(0, 1));
        Assert.Equal("no", table.FormatValue(1, 1));
    }
}
