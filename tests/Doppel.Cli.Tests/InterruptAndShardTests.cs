using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

/// <summary>Real processes: Ctrl+C (SIGINT) and SIGKILL in the middle of a write, and a run split over four processes.</summary>
[Trait("Category", "Slow")]
public sealed class InterruptAndShardTests : IDisposable
{
    private const string Previous = "previous,output\n1,2\n";

    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sample_Sigint_ExitsWith130AndLeavesPreviousFileAndNoPartialFile()
    {
        var model = await FitModel();
        var target = _folder.File("out.csv");
        File.WriteAllText(target, Previous);

        using var process = DoppelProcess.Start("sample", model, "-n", "100000000", "-o", target, "--seed", "1");
        Assert.True(process.WaitUntil(() => TemporaryFiles().Length > 0), "no temporary file appeared: " + process.Stderr);
        process.Interrupt();
        var code = process.WaitForExit();

        Assert.Equal(130, code);
        Assert.Equal(Previous, File.ReadAllText(target));
        Assert.Empty(TemporaryFiles());
    }

    [Fact]
    public async Task Sample_Sigkill_LeavesPreviousFile()
    {
        var model = await FitModel();
        var target = _folder.File("out.parquet");
        File.WriteAllText(target, Previous);

        using var process = DoppelProcess.Start("sample", model, "-n", "100000000", "-o", target, "--seed", "1");
        Assert.True(process.WaitUntil(() => TemporaryFiles().Any(f => new FileInfo(f).Length > 0)), "no temporary file appeared: " + process.Stderr);
        process.Kill();
        process.WaitForExit();

        Assert.Equal(Previous, File.ReadAllText(target));
    }

    [Fact]
    public async Task Sample_SigkillDuringSqliteInsert_LeavesPreviousTable()
    {
        var model = await FitModel();
        var db = _folder.File("out.db");
        var before = TestTables.Mixed(30, 5);
        TableIO.Write(TableLocation.Sqlite(db, "rows"), before);

        using var process = DoppelProcess.Start("sample", model, "-n", "100000000", "-o", "sqlite:" + db, "--table", "rows", "--replace", "--seed", "1");
        Assert.True(process.WaitUntil(() => File.Exists(db + "-journal")), "the insert did not start: " + process.Stderr);
        Thread.Sleep(300);
        process.Kill();
        process.WaitForExit();

        var after = TableIO.Read(TableLocation.Sqlite(db, "rows"), new TableSourceOptions { Schema = before.Schema });
        Assert.Equal(30, after.RowCount);
        Assert.Equal(((IdentifierColumn)before["id"]).Values, ((IdentifierColumn)after["id"]).Values);
        Assert.Equal(((NumericColumn)before["x"]).Values, ((NumericColumn)after["x"]).Values);
    }

    [Fact]
    public async Task Fit_Sigint_ExitsWith130AndLeavesPreviousModel()
    {
        var data = _folder.File("big.csv");
        CsvTableWriter.Write(TestTables.Mixed(400_000, 6), data);
        var target = _folder.File("m.model");
        File.WriteAllText(target, Previous);

        using var process = DoppelProcess.Start("fit", data, "-o", target);
        Assert.True(process.WaitUntil(() => process.Stderr.Contains("marginals", StringComparison.Ordinal)), "the fit did not reach its second pass: " + process.Stderr);
        process.Interrupt();
        var code = process.WaitForExit();

        Assert.Equal(130, code);
        Assert.Equal(Previous, File.ReadAllText(target));
        Assert.Empty(TemporaryFiles());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Sample_FourShardProcessesIntoAFolder_ConcatenateToTheUnshardedRun()
    {
        var model = await FitModel();
        var whole = _folder.File("whole.parquet");
        var parts = Path.Combine(_folder.Path, "parts") + "/";
        var run = await CliRunner.RunAsync("sample", model, "-n", "50001", "-o", whole, "--seed", "9");
        Assert.True(run.ExitCode == 0, run.ToString());

        var processes = Enumerable.Range(0, 4)
            .Select(i => DoppelProcess.Start("sample", model, "-n", "50001", "-o", parts, "--seed", "9", "--shard", $"{i}/4", "--threads", "1"))
            .ToList();
        var codes = processes.Select(p => p.WaitForExit()).ToList();
        processes.ForEach(p => p.Dispose());

        Assert.Equal([0, 0, 0, 0], codes);
        var files = Directory.GetFiles(parts).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet"], files.Select(Path.GetFileName));
        var joined = TableConcat.Concat([.. files.Select(f => TableIO.Read(TableLocation.File(f)))]);
        Assert.Equal(TestTables.Render(TableIO.Read(TableLocation.File(whole))), TestTables.Render(joined));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("sqlite")]
    public async Task Sample_FourShards_ConcatenateToTheUnshardedRun(string format)
    {
        var model = await FitModel();
        string Target(string name) => format == "csv" ? _folder.File(name + ".csv") : "sqlite:" + _folder.File("out.db");
        string[] Table(string name) => format == "csv" ? [] : ["--table", name];
        var whole = await CliRunner.RunAsync(["sample", model, "-n", "9999", "-o", Target("whole"), .. Table("whole"), "--seed", "5"]);
        Assert.True(whole.ExitCode == 0, whole.ToString());

        var pieces = new List<Table>();
        for (var i = 0; i < 4; i++)
        {
            var part = await CliRunner.RunAsync(["sample", model, "-n", "9999", "-o", Target("part" + i), .. Table("part" + i), "--seed", "5", "--shard", $"{i}/4"]);
            Assert.True(part.ExitCode == 0, part.ToString());
            pieces.Add(Read(Target("part" + i), "part" + i));
        }

        Assert.Equal(TestTables.Render(Read(Target("whole"), "whole")), TestTables.Render(TableConcat.Concat(pieces)));
    }

    private static Table Read(string target, string table) => TableIO.Read(TableLocation.Parse(target, target.StartsWith("sqlite:", StringComparison.Ordinal) ? table : null));

    private string[] TemporaryFiles() => [.. Directory.GetFiles(_folder.Path, "*.tmp")];

    private async Task<string> FitModel()
    {
        var data = _folder.File("train.csv");
        CsvTableWriter.Write(TestTables.Mixed(2000, 4), data);
        var model = _folder.File("train.model");
        var fit = await CliRunner.RunAsync("fit", data, "-o", model, "--seed", "3");
        Assert.True(fit.ExitCode == 0, fit.ToString());
        return model;
    }
}
