using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

public sealed class BalanceCommandTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("smote")]
    [InlineData("gmm")]
    public async Task SampleBalance_RareClass_OnlyTheMissingRowsOfIt(string synthesizer)
    {
        var data = WriteImbalanced(_folder.File("data.csv"));
        var model = _folder.File("m.model");

        var fit = await CliRunner.RunAsync("fit", data, "--synthesizer", synthesizer, "-o", model, "--seed", "1");
        var result = await CliRunner.RunAsync("sample", model, "--balance", "label", "-o", _folder.File("more.csv"), "--seed", "2");

        Assert.True(fit.ExitCode == 0, fit.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        var more = CsvTableReader.Read(_folder.File("more.csv"));
        Assert.Equal(300 - 60, more.RowCount);
        Assert.All(Enumerable.Range(0, more.RowCount), i => Assert.Equal("rare", more["label"].FormatValue(i)));
        Assert.Contains(result.ErrorLines, l => l.Contains("label = 'rare': 60 training rows, 240 generated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampleBalance_ModelWithoutCounts_UsageErrorNamingTheModel()
    {
        var data = WriteImbalanced(_folder.File("data.csv"));
        var model = _folder.File("m.model");
        await CliRunner.RunAsync("fit", data, "--synthesizer", "gaussian-copula", "-o", model, "--seed", "1");

        var result = await CliRunner.RunAsync("sample", model, "--balance", "label", "-o", _folder.File("more.csv"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("gaussian-copula", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("more.csv")));
    }

    [Fact]
    public async Task SampleBalance_SmoteClassWithOneMember_ExitOneNamingTheClass()
    {
        var data = _folder.File("one.csv");
        await File.WriteAllTextAsync(data, "x,label\n1,a\n2,a\n3,a\n4,b\n");
        var model = _folder.File("m.model");
        await CliRunner.RunAsync("fit", data, "--synthesizer", "smote", "-o", model, "--seed", "1");

        var result = await CliRunner.RunAsync("sample", model, "--balance", "label", "-o", _folder.File("more.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'b' has only one row", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-n", "5", "--balance", "label")]
    [InlineData()]
    public async Task Sample_BothOrNeitherOfRowsAndBalance_UsageError(params string[] extra)
    {
        var result = await CliRunner.RunAsync(["sample", _folder.File("m.model"), "-o", _folder.File("x.csv"), .. extra]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--balance", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>300 rows of label "common" around x = 0, 60 of "rare" around x = 10.</summary>
    private static string WriteImbalanced(string path)
    {
        var rng = new Rng(9);
        var lines = new List<string> { "x,label" };
        lines.AddRange(Enumerable.Range(0, 300).Select(_ => FormattableString.Invariant($"{rng.NextGaussian():F4},common")));
        lines.AddRange(Enumerable.Range(0, 60).Select(_ => FormattableString.Invariant($"{10 + rng.NextGaussian():F4},rare")));
        File.WriteAllLines(path, lines);
        return path;
    }
}
