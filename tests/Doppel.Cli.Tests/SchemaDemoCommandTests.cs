using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

public sealed class SchemaDemoCommandTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Schema_PrintsJsonThatReadsTheFileBack()
    {
        var data = _folder.File("data.csv");
        CsvTableWriter.Write(TestTables.Mixed(300, 1), data);

        var result = await CliRunner.RunAsync("schema", data, "--discrete", "n");
        File.WriteAllText(_folder.File("schema.json"), result.Stdout);
        var fit = await CliRunner.RunAsync("fit", data, "--schema", _folder.File("schema.json"), "-o", _folder.File("m.model"), "--seed", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var schema = SchemaFile.Parse(result.Stdout, "stdout").Schema;
        Assert.Equal(ColumnKind.Categorical, schema["n"].Kind);
        Assert.True(fit.ExitCode == 0, fit.ToString());
    }

    [Fact]
    public async Task Demo_WritesModelSampleAndSchemaAndPrintsTheFolder()
    {
        var folder = _folder.File("demo");

        var result = await CliRunner.RunAsync("demo", "--out", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(folder, result.Stdout.Trim());
        Assert.True(File.Exists(Path.Combine(folder, "adult.model")));
        Assert.True(File.Exists(Path.Combine(folder, "schema.json")));
        Assert.Equal(32_561, CsvTableReader.Read(Path.Combine(folder, "synthetic.csv")).RowCount);
    }
}
