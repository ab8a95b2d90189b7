using Doppel.TestKit;

namespace Doppel.Cli.Tests;

/// <summary><c>doppel evaluate</c> refuses tables whose columns or kinds differ, listing every difference.</summary>
public sealed class EvaluateSchemaTests : IDisposable
{
    private const string Real = "age,income,when,score\n39,low,2024-01-02,1.5\n50,high,2024-02-03,2.5\n38,low,2024-03-04,3.5\n53,high,2024-04-05,4.5\n";

    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Evaluate_MissingExtraAndChangedColumns_RefusedListingEach()
    {
        var synthetic = Write("syn.csv", "age,income,when,bonus\nold,1,2024-01-02,7\nyoung,0,2024-01-05,8\nold,1,2024-01-09,9\n");

        var run = await CliRunner.RunAsync("evaluate", Write("real.csv", Real), synthetic);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("missing from the synthetic data: score (numeric)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("only in the synthetic data: bonus (integer)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'age' is integer in the real data but categorical text in the synthetic data", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'income' is categorical text in the real data but integer in the synthetic data", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'when'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_DateColumnBecameNumbers_Refused()
    {
        var synthetic = Write("syn.csv", "age,income,when,score\n39,low,17,1.5\n50,high,18,2.5\n38,low,19,3.5\n");

        var run = await CliRunner.RunAsync("evaluate", Write("real.csv", Real), synthetic);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("'when' is dates in the real data but integer in the synthetic data", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_HoldoutWithMissingColumn_Refused()
    {
        var real = Write("real.csv", Real);
        var holdout = Write("holdout.csv", "age,income,when\n39,low,2024-01-02\n50,high,2024-02-03\n");

        var run = await CliRunner.RunAsync("evaluate", real, real, "--holdout", holdout);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("missing from the holdout data: score (numeric)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_SameColumnsOtherOrderAndWholeNumbers_Accepted()
    {
        var real = Write("real.csv", "age,income,when,score\n" + string.Concat(Enumerable.Range(0, 200).Select(i =>
            FormattableString.Invariant($"{20 + (i % 50)},{(i % 3 == 0 ? "high" : "low")},2024-01-{1 + (i % 28):D2},{i * 0.37:F2}\n"))));
        var synthetic = Write("syn.csv", "score,when,income,age\n" + string.Concat(Enumerable.Range(0, 200).Select(i =>
            FormattableString.Invariant($"{i % 70},2024-02-{1 + (i % 28):D2},{(i % 4 == 0 ? "high" : "low")},{25 + (i % 40)}\n"))));

        var run = await CliRunner.RunAsync("evaluate", real, synthetic);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private string Write(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
