using Doppel.TestKit;

namespace Doppel.Data.Tests;

public sealed class SchemaFileTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ToJsonParse_InferredSchema_RoundTrips()
    {
        var path = _files.Write("id,rating,when,ok,x\n1,1,31/01/2020,yes,0.5\n2,2,01/02/2020,no,\n");
        var schema = CsvTableReader.InferSchema(path);
        var file = new SchemaFile(schema, ["", "?"]);

        var back = SchemaFile.Parse(file.ToJson(), "schema.json");

        Assert.Equal(schema, back.Schema);
        Assert.Equal(["", "?"], back.MissingTokens);
        Assert.True(back.Schema["rating"].IsDiscrete);
        Assert.Equal("dd/MM/yyyy", back.Schema["when"].Format);
        Assert.Equal("yes|no", back.Schema["ok"].Format);
    }

    [Fact]
    public void ToJson_Schema_HasStableLayout()
    {
        var schema = new TableSchema([
            new ColumnSchema("n", ColumnKind.Integer) { IsDiscrete = true },
            new ColumnSchema("d", ColumnKind.DateTime) { IsNullable = true, Format = "yyyy-MM-dd" },
        ]);

        var json = new SchemaFile(schema, ["", "NA"]).ToJson();

        Assert.Equal(
            """
            {
              "missing_tokens": [
                "",
                "NA"
              ],
              "columns": [
                {
                  "name": "n",
                  "kind": "Integer",
                  "nullable": false,
                  "discrete": true
                },
                {
                  "name": "d",
                  "kind": "DateTime",
                  "nullable": true,
                  "format": "yyyy-MM-dd"
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Read_WithEditedSchemaFile_SkipsInference()
    {
        var data = _files.Write("code,score\n1, ?\n2,3.5\n");
        var file = new SchemaFile(new TableSchema([
            new ColumnSchema("code", ColumnKind.Categorical),
            new ColumnSchema("score", ColumnKind.Continuous) { IsNullable = true },
        ]), ["", "?"]);
        var schemaPath = _files.PathOf("schema.json");
        file.Write(schemaPath);

        var table = CsvTableReader.Read(data, SchemaFile.Read(schemaPath).ApplyTo());

        Assert.Equal(ColumnKind.Categorical, table["code"].Kind);
        Assert.True(table["score"].IsMissing(0));
        Assert.Equal(3.5, ((NumericColumn)table["score"]).Values[1]);
    }

    [Fact]
    public void Read_SchemaFromAdult_SameTableAsInference()
    {
        var adult = TestData.File("adult.csv");
        var inferred = CsvTableReader.Read(adult);
        var file = SchemaFile.Parse(new SchemaFile(inferred.Schema, CsvReadOptions.DefaultMissingTokens).ToJson(), "schema.json");

        var table = CsvTableReader.Read(adult, file.ApplyTo());

        Assert.Equal(inferred.Schema, table.Schema);
        Assert.Equal(((CategoricalColumn)inferred["workclass"]).Codes, ((CategoricalColumn)table["workclass"]).Codes);
    }

    [Fact]
    public void Parse_UnknownKind_NamesFile()
    {
        var e = Assert.Throws<DataFormatException>(() => SchemaFile.Parse("""{"columns":[{"name":"a","kind":"Banana","nullable":false}]}""", "s.json"));

        Assert.Equal("s.json", e.File);
    }

    [Fact]
    public void Parse_DuplicateColumn_NamesColumn()
    {
        var e = Assert.Throws<DataFormatException>(() => SchemaFile.Parse(
            """{"columns":[{"name":"a","kind":"Integer","nullable":false},{"name":"a","kind":"Integer","nullable":false}]}""", "s.json"));

        Assert.Equal("a", e.Column);
    }

    [Fact]
    public void Read_MissingSchemaFile_NamesFile()
    {
        var path = _files.PathOf("none.json");

        Assert.Equal(path, Assert.Throws<DataFormatException>(() => SchemaFile.Read(path)).File);
    }
}
