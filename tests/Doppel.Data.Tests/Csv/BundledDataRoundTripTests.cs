using Doppel.TestKit;

namespace Doppel.Data.Tests;

/// <summary>Every bundled table reads, writes and reads back to the same values and schema.</summary>
public sealed class BundledDataRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Files => new(Directory.GetFiles(Path.Combine(TestData.RepositoryRoot, "data"), "*.csv").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadWriteRead_BundledFile_SameValuesAndSchema(string name)
    {
        var original = CsvTableReader.Read(TestData.File(name));
        var copy = _folder.File(name);

        CsvTableWriter.Write(original, copy);
        var back = CsvTableReader.Read(copy);

        Assert.Equal(original.Schema, back.Schema);
        Assert.Equal(original.RowCount, back.RowCount);
        for (var c = 0; c < original.ColumnCount; c++)
        {
            for (var r = 0; r < original.RowCount; r++)
            {
                Assert.Equal(original.FormatValue(r, c), back.FormatValue(r, c));
            }
        }
    }

    [Theory]
    [InlineData("adult.csv")]
    [InlineData("california_housing.csv")]
    [InlineData("digits.csv")]
    [InlineData("german_credit.csv")]
    [InlineData("mushrooms.csv")]
    public void Write_BundledFile_SameBytes(string name)
    {
        var copy = _folder.File(name);

        CsvTableWriter.Write(CsvTableReader.Read(TestData.File(name)), copy);

        Assert.Equal(File.ReadAllBytes(TestData.File(name)), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Read_Adult_KindsAsExpected()
    {
        var table = CsvTableReader.Read(TestData.File("adult.csv"));

        Assert.Equal(32_561, table.RowCount);
        Assert.Equal(ColumnKind.Integer, table["age"].Kind);
        Assert.Equal(ColumnKind.Integer, table["fnlwgt"].Kind);
        Assert.False(table.Schema["education-num"].IsDiscrete);
        Assert.Equal(ColumnKind.Categorical, table["workclass"].Kind);
        Assert.Equal(" State-gov", table["workclass"].FormatValue(0));
        Assert.Equal(ColumnKind.Categorical, table["income"].Kind);
    }

    [Fact]
    public void Read_GermanCredit_SmallIntegerCodesOfferedAsDiscrete()
    {
        var schema = CsvTableReader.Read(TestData.File("german_credit.csv")).Schema;

        Assert.True(schema["installment_rate"].IsDiscrete);
        Assert.True(schema["default"].IsDiscrete);
        Assert.False(schema["amount"].IsDiscrete);
        Assert.Equal(ColumnKind.Boolean, schema["foreign_worker"].Kind);
        Assert.Equal(ColumnKind.Categorical, schema["telephone"].Kind);
    }

    [Fact]
    public void Read_CaliforniaHousing_BlankBedroomsAreMissing()
    {
        var table = CsvTableReader.Read(TestData.File("california_housing.csv"));

        Assert.Equal(ColumnKind.Continuous, table["total_bedrooms"].Kind);
        Assert.Equal(207, table["total_bedrooms"].MissingCount);
    }
}
