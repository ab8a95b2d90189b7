using System.Text;

namespace Doppel.Data.Tests;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_MixedColumns_InfersKindsAndValues()
    {
        var path = _files.Write("age,name,score,when,ok\n39, State-gov,1.5,2020-01-02,yes\n50,Bob,2,2021-12-31,no\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(2, table.RowCount);
        Assert.Equal([39L, 50L], ((IntegerColumn)table["age"]).Values);
        Assert.Equal(" State-gov", table["name"].FormatValue(0));
        Assert.Equal(ColumnKind.Categorical, table["name"].Kind);
        Assert.Equal([1.5, 2.0], ((NumericColumn)table["score"]).Values);
        Assert.Equal(ColumnKind.DateTime, table["when"].Kind);
        Assert.Equal("yyyy-MM-dd", table.Schema["when"].Format);
        Assert.Equal(new DateTime(2021, 12, 31).Ticks, ((DateTimeColumn)table["when"]).Ticks[1]);
        Assert.Equal([true, false], ((BooleanColumn)table["ok"]).Values);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Read_Separator_IsDetected(char separator)
    {
        var path = _files.Write($"a{separator}b{separator}c\n1{separator}x y{separator}2.5\n3{separator}z{separator}4\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(["a", "b", "c"], table.Schema.Columns.Select(c => c.Name));
        Assert.Equal("x y", table["b"].FormatValue(0));
        Assert.Equal(4.0, ((NumericColumn)table["c"]).Values[1]);
    }

    [Fact]
    public void Read_SeparatorGiven_OverridesDetection()
    {
        var path = _files.Write("a;b,c\n1;2,3\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { Separator = ',' });

        Assert.Equal(["a;b", "c"], table.Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Read_QuotedFields_AreUnescaped()
    {
        var path = _files.Write("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"line\nbreak\",z\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal("x, y", table["a"].FormatValue(0));
        Assert.Equal("say \"hi\"", table["b"].FormatValue(0));
        Assert.Equal("line\nbreak", table["a"].FormatValue(1));
    }

    [Fact]
    public void Read_Utf8Bom_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("name,n\nÉlodie,1\n")).ToArray();
        var path = _files.WriteBytes(bytes);

        var table = CsvTableReader.Read(path);

        Assert.Equal("name", table.Schema.Columns[0].Name);
        Assert.Equal("Élodie", table["name"].FormatValue(0));
    }

    [Fact]
    public void Read_DefaultMissingTokens_EmptyAndNaAreMissing()
    {
        var path = _files.Write("a,b\n1,x\n,NA\nNA,y\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(ColumnKind.Integer, table["a"].Kind);
        Assert.Equal([false, true, true], table["a"].Missing.ToArray());
        Assert.Equal([false, true, false], table["b"].Missing.ToArray());
        Assert.True(table.Schema["a"].IsNullable);
    }

    [Fact]
    public void Read_CustomMissingToken_MatchesWithSurroundingSpaces()
    {
        var path = _files.Write("a,b\n1, ?\n2, x\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { MissingTokens = ["", "?"] });

        Assert.True(table["b"].IsMissing(0));
        Assert.Equal(" x", table["b"].FormatValue(1));
    }

    [Fact]
    public void Read_NumbersAreCultureInvariant()
    {
        var path = _files.Write("x;y\n1.25;1e3\n-0.5;2\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal([1.25, -0.5], ((NumericColumn)table["x"]).Values);
        Assert.Equal([1000.0, 2.0], ((NumericColumn)table["y"]).Values);
    }

    [Fact]
    public void Read_LeadingZeroCodes_StayText()
    {
        var path = _files.Write("zip\n02134\n10001\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(ColumnKind.Categorical, table["zip"].Kind);
        Assert.Equal("02134", table["zip"].FormatValue(0));
    }

    [Fact]
    public void Read_TrailingBlankLine_IsSkipped()
    {
        var path = _files.Write("a,b\n1,2\n\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(1, table.RowCount);
    }

    [Fact]
    public void Read_WithSchema_SkipsInferenceAndUsesKinds()
    {
        var path = _files.Write("a,b\n1,2\n3,4\n");
        var schema = new TableSchema([new ColumnSchema("a", ColumnKind.Categorical), new ColumnSchema("b", ColumnKind.Continuous)]);

        var table = CsvTableReader.Read(path, new CsvReadOptions { Schema = schema });

        Assert.Equal(ColumnKind.Categorical, table["a"].Kind);
        Assert.Equal(ColumnKind.Continuous, table["b"].Kind);
        Assert.Equal("3", table["a"].FormatValue(1));
    }

    [Fact]
    public void Read_WithSchemaWhoseHeaderDiffers_Throws()
    {
        var path = _files.Write("a,c\n1,2\n");
        var schema = new TableSchema([new ColumnSchema("a", ColumnKind.Integer), new ColumnSchema("b", ColumnKind.Integer)]);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { Schema = schema }));

        Assert.Equal(1, e.Row);
        Assert.Contains("does not match the schema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Overrides_ChangeKinds()
    {
        var path = _files.Write("rating,flag,key,amount\n1,0,a,5\n2,1,b,6\n3,1,c,7\n");
        var overrides = new SchemaOverrides { Discrete = ["rating"], Boolean = ["flag"], Id = ["key"], Numeric = ["amount"] };

        var table = CsvTableReader.Read(path, new CsvReadOptions { Overrides = overrides });

        Assert.Equal(ColumnKind.Categorical, table["rating"].Kind);
        Assert.Equal(ColumnKind.Boolean, table["flag"].Kind);
        Assert.Equal("1|0", table.Schema["flag"].Format);
        Assert.Equal(ColumnKind.Identifier, table["key"].Kind);
        Assert.Equal(ColumnKind.Integer, table["amount"].Kind);
        Assert.False(table.Schema["amount"].IsDiscrete);
    }

    [Fact]
    public void InferSchema_MatchesReadSchema()
    {
        var path = _files.Write("a,b\n1,x\n2,y\n");

        var schema = CsvTableReader.InferSchema(path);

        Assert.Equal(CsvTableReader.Read(path).Schema, schema);
    }

    [Fact]
    public void Read_DiscreteOverrideOnRealNumbers_KeepsTextVerbatim()
    {
        var path = _files.Write("x\n1.50\n2.0\n1.50\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { Overrides = new SchemaOverrides { Discrete = ["x"] } });

        Assert.Equal(ColumnKind.Categorical, table["x"].Kind);
        Assert.Equal(["1.50", "2.0"], ((CategoricalColumn)table["x"]).Categories.ToArray());
    }

    [Fact]
    public void Read_NumbersThenManyDistinctTexts_ReadAgainAsText()
    {
        var rows = string.Concat(Enumerable.Range(0, 3000).Select(i => i < 10 ? $"{i}\n" : $"v{i}\n"));
        var path = _files.Write("code\n" + rows);

        var table = CsvTableReader.Read(path);

        Assert.Equal(ColumnKind.Identifier, table["code"].Kind);
        Assert.Equal("3", table["code"].FormatValue(3));
        Assert.Equal("v2999", table["code"].FormatValue(2999));
    }

    [Fact]
    public void Read_IntegersWrittenWithSpacesOrSign_StayIntegers()
    {
        var path = _files.Write("n,m\n 39,+5\n40 ,-0\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal([39L, 40L], ((IntegerColumn)table["n"]).Values);
        Assert.Equal([5L, 0L], ((IntegerColumn)table["m"]).Values);
    }

    [Fact]
    public void Read_IdOverrideOnIntegersWithSpaces_KeepsTextVerbatim()
    {
        var path = _files.Write("n\n 39\n40\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { Overrides = new SchemaOverrides { Id = ["n"] } });

        Assert.Equal(" 39", table["n"].FormatValue(0));
    }

    [Fact]
    public void Read_MissingBeforeFirstText_CodedMissing()
    {
        var path = _files.Write("a,b\n1,\n2,x\n3,\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal([-1, 0, -1], ((CategoricalColumn)table["b"]).Codes);
    }

    [Fact]
    public void Read_DatesWithMissing_ParsedOncePerValue()
    {
        var path = _files.Write("d\n2020-01-01\n\n2020-01-01\n2021-06-30\n");

        var column = (DateTimeColumn)CsvTableReader.Read(path)["d"];

        Assert.Equal([new DateTime(2020, 1, 1).Ticks, 0, new DateTime(2020, 1, 1).Ticks, new DateTime(2021, 6, 30).Ticks], column.Ticks);
        Assert.True(column.IsMissing(1));
    }
}
