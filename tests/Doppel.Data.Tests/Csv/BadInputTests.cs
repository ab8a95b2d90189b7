using System.Text;

namespace Doppel.Data.Tests;

/// <summary>Every bad data input is refused with one message naming the file and, where it applies, the line and column.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_MissingFile_NamesFile()
    {
        var path = _files.PathOf("absent.csv");

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Equal(path, e.File);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFolder_NamesFile()
    {
        var path = Path.Combine(_files.Folder, "no-such-folder", "x.csv");

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Equal(path, e.File);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\n\n")]
    public void Read_EmptyFile_Refused(string text)
    {
        var path = _files.Write(text);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFileWithBom_Refused()
    {
        var path = _files.WriteBytes(Encoding.UTF8.GetPreamble());

        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,c")]
    [InlineData("a,b,c\n")]
    [InlineData("a,b,c\n\n")]
    public void Read_HeaderWithoutRows_Refused(string text)
    {
        var path = _files.Write(text);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n4,5\n", 3L, 2)]
    [InlineData("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n", 4L, 4)]
    [InlineData("a,b\n\"x\ny\",1\n1,2,3\n", 4L, 3)]
    public void Read_RaggedRow_NamesLine(string text, long line, int fields)
    {
        var path = _files.Write(text);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Equal(line, e.Row);
        Assert.Contains($"line {line}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"has {fields} fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRowWithSchema_NamesLine()
    {
        var path = _files.Write("a,b\n1,2\n3\n");
        var schema = new TableSchema([new ColumnSchema("a", ColumnKind.Integer), new ColumnSchema("b", ColumnKind.Integer)]);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { Schema = schema }));

        Assert.Equal(3, e.Row);
    }

    [Fact]
    public void Read_DuplicateColumnNames_NamesColumn()
    {
        var path = _files.Write("a,b,a\n1,2,3\n");

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Equal("a", e.Column);
        Assert.Equal(1, e.Row);
        Assert.Contains("columns 1 and 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,,c\n1,2,3\n", 2)]
    [InlineData("a,b, \n1,2,3\n", 3)]
    public void Read_EmptyColumnName_NamesPosition(string text, int position)
    {
        var path = _files.Write(text);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Contains($"column {position} of the header has no name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownOverrideColumn_NamesItAndListsColumns()
    {
        var path = _files.Write("age,income\n1,2\n");

        var e = Assert.Throws<SchemaException>(() => CsvTableReader.Read(path, new CsvReadOptions { Overrides = new SchemaOverrides { Discrete = ["agee"] } }));

        Assert.Equal("agee", e.Column);
        Assert.Contains("age, income", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownOverrideColumnWithSchema_NamesIt()
    {
        var path = _files.Write("age\n1\n");
        var schema = new TableSchema([new ColumnSchema("age", ColumnKind.Integer)]);

        var e = Assert.Throws<SchemaException>(() => CsvTableReader.Read(path, new CsvReadOptions { Schema = schema, Overrides = new SchemaOverrides { Id = ["x"] } }));

        Assert.Equal("x", e.Column);
    }

    [Fact]
    public void Read_ColumnInTwoOverrides_Refused()
    {
        var path = _files.Write("a\n1\n");

        var e = Assert.Throws<SchemaException>(() => CsvTableReader.Read(path, new CsvReadOptions { Overrides = new SchemaOverrides { Discrete = ["a"], Numeric = ["a"] } }));

        Assert.Equal("a", e.Column);
    }

    [Fact]
    public void Read_AllMissingColumn_NamesColumn()
    {
        var path = _files.Write("a,b\n1,\n2,NA\n");

        var e = Assert.Throws<SchemaException>(() => CsvTableReader.Read(path));

        Assert.Equal("b", e.Column);
    }

    [Fact]
    public void Read_AllMissingColumnWithOverride_ReadsAsAllMissing()
    {
        var path = _files.Write("a,b\n1,\n2,NA\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { Overrides = new SchemaOverrides { Discrete = ["b"] } });

        Assert.Equal(2, table["b"].MissingCount);
        Assert.Equal(ColumnKind.Categorical, table["b"].Kind);
    }

    [Fact]
    public void Read_ConstantColumn_Works()
    {
        var path = _files.Write("a,b,c\n1,x,2.5\n2,x,2.5\n3,x,2.5\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(ColumnKind.Categorical, table["b"].Kind);
        Assert.Single(((CategoricalColumn)table["b"]).Categories);
        Assert.Equal(ColumnKind.Continuous, table["c"].Kind);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Inf")]
    [InlineData("-Infinity")]
    [InlineData("n/a")]
    public void Read_NonNumberInNumericColumn_BecomesCategorical(string odd)
    {
        var path = _files.Write($"x\n1.5\n{odd}\n2\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(ColumnKind.Categorical, table["x"].Kind);
        Assert.Equal(odd, table["x"].FormatValue(1));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Inf")]
    [InlineData("abc")]
    [InlineData("1e999")]
    public void Read_NonNumberInColumnForcedNumeric_NamesFileLineColumn(string odd)
    {
        var path = _files.Write($"id,x\n1,1.5\n2,2\n3,{odd}\n");

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { Overrides = new SchemaOverrides { Numeric = ["x"] } }));

        Assert.Equal(path, e.File);
        Assert.Equal(4, e.Row);
        Assert.Equal("x", e.Column);
        Assert.Contains($"'{odd}' is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextInSchemaIntegerColumn_NamesFileLineColumn()
    {
        var path = _files.Write("n\n1\n2.5\n");
        var schema = new TableSchema([new ColumnSchema("n", ColumnKind.Integer)]);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { Schema = schema }));

        Assert.Equal(3, e.Row);
        Assert.Equal("n", e.Column);
    }

    [Fact]
    public void Read_InvalidUtf8_NamesLine()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,x\n2,y\n3,").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n4,z\n")).ToArray();
        var path = _files.WriteBytes(bytes);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Equal(4, e.Row);
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8FarIntoFile_NamesLine()
    {
        var text = new StringBuilder("a,b\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(i).Append(",é\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString()).Concat(new byte[] { 0x31, 0x2C, 0xFF, 0x0A }).ToArray();
        var path = _files.WriteBytes(bytes);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Equal(20_002, e.Row);
    }

    [Fact]
    public void Read_InvalidUtf8InHeader_NamesLineOne()
    {
        var path = _files.WriteBytes([0x61, 0xFF, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A]);

        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Equal(1, e.Row);
    }

    [Fact]
    public void Read_HundredThousandDistinctStrings_IdentifierWithBoundedProfile()
    {
        var text = new StringBuilder("key,group\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append('k').Append(i.ToString("x6", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(i % 3).Append('\n');
        }

        var path = _files.Write(text.ToString());

        var table = CsvTableReader.Read(path);

        Assert.Equal(ColumnKind.Identifier, table["key"].Kind);
        Assert.Equal("k0186a0".Length, table["key"].FormatValue(99_999)!.Length);
        Assert.Equal(ColumnKind.Integer, table["group"].Kind);
    }

    [Fact]
    public void Profile_PastDistinctCap_StopsCollecting()
    {
        var profile = new ColumnProfile("key");

        for (var i = 0; i < 100_000; i++)
        {
            profile.Add($"s{i}");
        }

        Assert.True(profile.DistinctOverflow);
        Assert.Empty(profile.Texts);
        Assert.Equal(ColumnKind.Identifier, SchemaInference.Decide(profile, null).Kind);
    }

    [Fact]
    public void Read_DirectoryInsteadOfFile_Refused()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(_files.Folder));

        Assert.Equal(_files.Folder, e.File);
    }
}
