using System.Text.Json;
using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

public sealed class EvaluateSplitCommandTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    /// <summary>800 rows: x numeric, c categorical, y = (x + noise > 0).</summary>
    private string WriteData(string name, ulong seed, int rows = 800, bool extraColumn = false)
    {
        var rng = new Rng(seed);
        var lines = new List<string> { extraColumn ? "x,c,y,z" : "x,c,y" };
        for (var i = 0; i < rows; i++)
        {
            var x = rng.NextGaussian();
            var c = rng.NextDouble() < 0.3 ? "red" : "blue";
            var y = x + (0.3 * rng.NextGaussian()) > 0 ? "yes" : "no";
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{x:F4},{c},{y}{(extraColumn ? ",1" : "")}"));
        }

        var path = _folder.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Split_Stratified_WritesBothParts()
    {
        var data = WriteData("data.csv", 1);

        var result = await CliRunner.RunAsync("split", data, "--test", "0.25", "--stratify", "y", "--seed", "0", "-o", _folder.File("train.csv"), "-o", _folder.File("test.csv"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(600, CsvTableReader.Read(_folder.File("train.csv")).RowCount);
        Assert.Equal(200, CsvTableReader.Read(_folder.File("test.csv")).RowCount);
    }

    [Fact]
    public async Task Evaluate_WithSplit_WritesJsonReportAndHeadline()
    {
        var real = WriteData("real.csv", 1);
        var syn = WriteData("syn.csv", 2);

        var result = await CliRunner.RunAsync("evaluate", real, syn, "--split", "0.2", "--target", "y", "--json", _folder.File("e.json"), "--report", _folder.File("r.html"), "--seed", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(_folder.File("e.json")));
        Assert.Equal(640, json.RootElement.GetProperty("rows").GetProperty("real").GetInt32());
        Assert.Equal(160, json.RootElement.GetProperty("rows").GetProperty("holdout").GetInt32());
        Assert.True(json.RootElement.GetProperty("ml_efficacy").GetProperty("synthetic").GetProperty("roc_auc").GetDouble() > 0.85);
        Assert.Contains("column shapes", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("TSTR ROC AUC", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("<section id=\"headline\">", File.ReadAllText(_folder.File("r.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_JsonDash_WritesTheDocumentToStdout()
    {
        var real = WriteData("real.csv", 1, 200);

        var result = await CliRunner.RunAsync("evaluate", real, WriteData("syn.csv", 2, 200), "--json", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("no target column was given", json.RootElement.GetProperty("ml_efficacy").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Evaluate_ColumnsDiffer_FailsNamingThem()
    {
        var result = await CliRunner.RunAsync("evaluate", WriteData("real.csv", 1, 100), WriteData("syn.csv", 2, 100, extraColumn: true));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("only in the synthetic data: z", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_HoldoutAndSplitTogether_IsAUsageError()
    {
        var real = WriteData("real.csv", 1, 100);

        var result = await CliRunner.RunAsync("evaluate", real, real, "--holdout", real, "--split", "0.2");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Evaluate_EmptySynthetic_FailsWithAClearMessage()
    {
        var real = WriteData("real.csv", 1, 100);
        File.WriteAllText(_folder.File("empty.csv"), "x,c,y\n");

        var result = await CliRunner.RunAsync("evaluate", real, _folder.File("empty.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("no (data )?rows", result.Stderr);
    }
}
