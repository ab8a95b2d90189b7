using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.Neural.Diffusion;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

/// <summary><c>doppel fit -s tabddpm</c> and sampling from its models: options, conditions, checkpoints, resume and Ctrl+C.</summary>
public sealed class TabDdpmCommandTests : IDisposable
{
    /// <summary>A small denoiser and a short diffusion, so a fit of a few hundred steps takes about a second.</summary>
    private static readonly string[] Small = ["-s", "tabddpm", "--set", "layers=16-16", "--set", "embedding_dim=8", "--set", "diffusion_steps=5", "--batch-size", "32"];

    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FitThenSample_TabDdpm_OptionsReachModelAndSameSeedGivesSameBytes()
    {
        var model = _folder.File("m.model");

        var fit = await CliRunner.RunAsync([ "fit", _folder.MixedCsv(300), .. Small, "--set", "steps=40", "--learning-rate", "0.005", "--seed", "3", "-o", model ]);
        var first = await CliRunner.RunAsync("sample", model, "-n", "700", "-o", _folder.File("a.csv"), "--seed", "4");
        var second = await CliRunner.RunAsync("sample", model, "-n", "700", "-o", _folder.File("b.csv"), "--seed", "4", "--batch-size", "99");

        Assert.True(fit.ExitCode == 0, fit.ToString());
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var options = ((TabDdpmModel)ModelFile.Load(model, BuiltInSynthesizers.Registry)).Options;
        Assert.Equal((40, 32, 0.005, 5, 8), (options.Steps, options.BatchSize, options.LearningRate, options.DiffusionSteps, options.EmbeddingDim));
        Assert.Equal([16, 16], options.Layers.ToArray());
        Assert.Contains("gaussian", fit.Stderr, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(_folder.File("a.csv")), File.ReadAllBytes(_folder.File("b.csv")));
        var table = CsvTableReader.Read(_folder.File("a.csv"));
        Assert.Equal(700, table.RowCount);
        Assert.Equal(["x", "n", "color", "flag", "when", "id"], table.Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Sample_TabDdpmWithTarget_ConditionOnTargetExactAndOnOtherColumnsByRejection()
    {
        var model = _folder.File("m.model");
        var fit = await CliRunner.RunAsync([ "fit", _folder.MixedCsv(300), .. Small, "--set", "steps=60", "--set", "target=color", "--seed", "5", "-o", model ]);
        Assert.True(fit.ExitCode == 0, fit.ToString());

        var onTarget = await CliRunner.RunAsync("sample", model, "-n", "600", "-o", _folder.File("green.csv"), "--seed", "6", "--condition", "color=green");
        var rejection = await CliRunner.RunAsync("sample", model, "-n", "400", "-o", _folder.File("flag.csv"), "--seed", "6",
            "--condition", "flag=yes", "--condition", "n>=40");

        Assert.True(onTarget.ExitCode == 0, onTarget.ToString());
        Assert.True(rejection.ExitCode == 0, rejection.ToString());
        Assert.Equal("color", ((TabDdpmModel)ModelFile.Load(model, BuiltInSynthesizers.Registry)).Options.Target);
        var green = CsvTableReader.Read(_folder.File("green.csv"));
        Assert.Equal(600, green.RowCount);
        Assert.All(Enumerable.Range(0, green.RowCount), i => Assert.Equal("green", green["color"].FormatValue(i)));
        var flagged = CsvTableReader.Read(_folder.File("flag.csv"));
        Assert.Equal(400, flagged.RowCount);
        Assert.All(Enumerable.Range(0, flagged.RowCount), i =>
        {
            Assert.Equal("yes", flagged["flag"].FormatValue(i));
            Assert.True(NumericValues.At(flagged["n"], i) >= 40, $"row {i}: n {flagged["n"].FormatValue(i)}");
        });
    }

    [Fact]
    public async Task Fit_TabDdpmResumeFromCheckpoint_MatchesUninterruptedRun()
    {
        // A checkpoint is written every 1,000 steps: the run of 1,100 steps leaves the one of step 1,000 behind.
        var data = _folder.MixedCsv(300);
        var whole = _folder.File("whole.model");
        var checkpoint = _folder.File("ck.model");
        var resumed = _folder.File("resumed.model");
        string[] args = [.. Small, "--set", "layers=8", "--set", "steps=1100", "--seed", "7"];

        var first = await CliRunner.RunAsync([ "fit", data, .. args, "--checkpoint", checkpoint, "-o", whole ]);
        var saved = (TabDdpmModel)ModelFile.Load(checkpoint, BuiltInSynthesizers.Registry);
        var resume = await CliRunner.RunAsync("fit", data, "-s", "tabddpm", "--resume", checkpoint, "-o", resumed);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Equal(1000, saved.Training?.CompletedSteps);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(resumed));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Fit_TabDdpmSigint_SavesCheckpointExitsWith130AndResumes()
    {
        var data = _folder.MixedCsv(2000);
        var checkpoint = _folder.File("ck.model");
        var target = _folder.File("m.model");

        using var process = DoppelProcess.Start([ "fit", data, .. Small, "--set", "steps=10000000", "--seed", "8", "--checkpoint", checkpoint, "-o", target ]);
        Assert.True(process.WaitUntil(() => process.Stderr.Contains("gaussian", StringComparison.Ordinal), 120), "training did not start: " + process.Stderr);
        process.Interrupt();
        var code = process.WaitForExit();

        Assert.Equal(130, code);
        Assert.Contains($"saved in {checkpoint}", process.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        var saved = (TabDdpmModel)ModelFile.Load(checkpoint, BuiltInSynthesizers.Registry);
        Assert.InRange(saved.Training!.CompletedSteps, 1, 10_000_000 - 1);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }
}
