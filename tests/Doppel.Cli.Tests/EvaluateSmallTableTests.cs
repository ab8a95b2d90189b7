using Doppel.TestKit;

namespace Doppel.Cli.Tests;

public sealed class EvaluateSmallTableTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Evaluate_FourRowTables_ReportsFidelityAndSaysWhatNeedsMoreRows()
    {
        var real = Write("real.csv", "x,c,y\n1,a,no\n2,b,yes\n3,a,no\n4,b,yes\n");
        var synthetic = Write("syn.csv", "x,c,y\n1,a,no\n2,b,yes\n2,b,yes\n5,b,no\n");
        var holdout = Write("test.csv", "x,c,y\n3,a,yes\n1,b,no\n");

        var run = await CliRunner.RunAsync("evaluate", real, synthetic, "--holdout", holdout, "--target", "y");

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = string.Join(" ", run.Stderr.Split((char[])['\n', '│', '┃', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("column shapes", text, StringComparison.Ordinal);
        Assert.Contains("too few rows to train a detector", text, StringComparison.Ordinal);
        Assert.Contains("too few synthetic rows with a target value", text, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
