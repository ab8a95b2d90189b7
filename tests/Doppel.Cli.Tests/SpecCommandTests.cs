using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

public sealed class SpecCommandTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    private static string Spec(string name) => Path.Combine(TestData.RepositoryRoot, "data", "specs", name);

    [Fact]
    public async Task SpecCheck_Infeasible_PrintsThePairsWithRanges()
    {
        var result = await CliRunner.RunAsync("spec", "check", Spec("seed_train_py_12d.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pairs outside their attainable range: 13 of 66", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(x3, x11): target 0.7700, attainable [-0.4224, 0.6483]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("positive semi-definite: no", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_WritesCsvAndReport()
    {
        var output = _folder.File("rows.csv");
        var report = _folder.File("report.html");

        var result = await CliRunner.RunAsync("generate", "--spec", Spec("readme_example_2d.json"), "-n", "5000", "-o", output, "--seed", "3", "--report", report);

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = CsvTableReader.Read(output);
        Assert.Equal(5000, table.RowCount);
        Assert.Equal(["x1", "x2"], table.Schema.Columns.Select(c => c.Name).ToArray());
        var html = File.ReadAllText(report);
        Assert.Equal(2 + 3, html.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.Contains("achieved pearson correlation vs target", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_NeuralMethod_WritesRows()
    {
        var output = _folder.File("neural.csv");

        var result = await CliRunner.RunAsync("generate", "--spec", Spec("readme_example_2d.json"), "-n", "2000", "-o", output, "--seed", "3", "--method", "neural", "--neural-steps", "60");

        Assert.True(result.ExitCode == 0, result.ToString());
        var table = CsvTableReader.Read(output);
        Assert.Equal(2000, table.RowCount);
        Assert.Equal(["x1", "x2"], table.Schema.Columns.Select(c => c.Name).ToArray());
        Assert.Contains("neural", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_BadSpec_UsageErrorNamingTheField()
    {
        var spec = _folder.File("bad.json");
        File.WriteAllText(spec, File.ReadAllText(Spec("readme_example_2d.json")).Replace("\"sd\": 3", "\"sd\": -3", StringComparison.Ordinal));
        var output = _folder.File("rows.csv");

        var result = await CliRunner.RunAsync("generate", "--spec", spec, "-n", "100", "-o", output);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("marginals[0] ('x1').params.sd: must be > 0, got -3", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Generate_UnknownMethod_UsageError()
    {
        var result = await CliRunner.RunAsync("generate", "--spec", Spec("readme_example_2d.json"), "-n", "100", "-o", _folder.File("x.csv"), "--method", "magic");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Fact]
    public async Task SpecInfer_ThenGenerate_ReproducesTheColumns()
    {
        var spec = _folder.File("insurance.json");
        var output = _folder.File("rows.csv");

        var infer = await CliRunner.RunAsync("spec", "infer", TestData.File("insurance.csv"), "-o", spec);
        var generate = await CliRunner.RunAsync("generate", "--spec", spec, "-n", "2000", "-o", output, "--seed", "1");

        Assert.True(infer.ExitCode == 0, infer.ToString());
        Assert.True(generate.ExitCode == 0, generate.ToString());
        var original = CsvTableReader.Read(TestData.File("insurance.csv"));
        var generated = CsvTableReader.Read(output);
        Assert.Equal(original.Schema.Columns.Select(c => c.Name), generated.Schema.Columns.Select(c => c.Name));
    }
}
