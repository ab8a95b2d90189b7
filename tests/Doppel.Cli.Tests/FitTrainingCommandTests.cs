using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.Neural.Training;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

/// <summary><c>doppel fit</c> with the training flags: epochs and friends, checkpoints, resume, Ctrl+C, loss curves in the report.</summary>
public sealed class FitTrainingCommandTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Fit_EpochsForClassicalSynthesizer_UsageErrorNamingTheFlag()
    {
        var data = _folder.MixedCsv(200);

        var run = await CliRunner.RunAsync("fit", data, "-s", "gaussian-copula", "--epochs", "5", "-o", _folder.File("m.model"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--epochs: the gaussian-copula synthesizer has no epochs option", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_CheckpointForClassicalSynthesizer_UsageError()
    {
        var run = await CliRunner.RunAsync("fit", _folder.MixedCsv(200), "-s", "kde", "--checkpoint", _folder.File("ck.model"), "-o", _folder.File("m.model"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--checkpoint", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_TvaeFlags_SetOptionsAndResumeMatchesUninterruptedRun()
    {
        var data = _folder.MixedCsv(300);
        var whole = _folder.File("whole.model");
        var checkpoint = _folder.File("ck.model");
        var resumed = _folder.File("resumed.model");

        var first = await CliRunner.RunAsync("fit", data, "-s", "tvae", "--epochs", "3", "--batch-size", "100", "--learning-rate", "0.002", "--seed", "4", "-o", whole);
        var partial = await CliRunner.RunAsync("fit", data, "-s", "tvae", "--epochs", "2", "--batch-size", "100", "--learning-rate", "0.002", "--seed", "4",
            "--checkpoint", checkpoint, "-o", _folder.File("two.model"));
        var model = (Synthesis.Neural.Tvae.TvaeModel)ModelFile.Load(whole, BuiltInSynthesizers.Registry);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(partial.ExitCode == 0, partial.ToString());
        Assert.Equal(3, model.Options.Epochs);
        Assert.Equal(100, model.Options.BatchSize);
        Assert.Equal(0.002, model.Options.LearningRate);
        Assert.Equal(3, model.LossCurves["reconstruction"].Length);
        Assert.Contains("training step", first.Stderr, StringComparison.Ordinal);

        // The checkpoint after epoch 1 of the two-epoch run resumes under its own options (2 epochs), giving the two-epoch model.
        var resume = await CliRunner.RunAsync("fit", data, "-s", "tvae", "--resume", checkpoint, "-o", resumed);
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Equal(File.ReadAllBytes(_folder.File("two.model")), File.ReadAllBytes(resumed));
    }

    [Fact]
    public async Task Evaluate_ModelWithLossCurves_ReportPlotsThem()
    {
        var data = _folder.MixedCsv(300);
        var model = _folder.File("m.model");
        var synthetic = _folder.File("syn.csv");
        var report = _folder.File("report.html");
        Assert.Equal(0, (await CliRunner.RunAsync("fit", data, "-s", "tvae", "--epochs", "2", "--seed", "1", "-o", model)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("sample", model, "-n", "300", "--seed", "1", "-o", synthetic)).ExitCode);

        var run = await CliRunner.RunAsync("evaluate", data, synthetic, "--model", model, "--report", report);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("reconstruction", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Fit_Sigint_SavesCheckpointExitsWith130AndNamesIt()
    {
        var data = _folder.MixedCsv(2000);
        var checkpoint = _folder.File("ck.model");
        var target = _folder.File("m.model");

        using var process = DoppelProcess.Start("fit", data, "-s", "tvae", "--epochs", "100000", "--batch-size", "50", "--seed", "2",
            "--checkpoint", checkpoint, "-o", target);
        Assert.True(process.WaitUntil(() => process.Stderr.Contains("training step", StringComparison.Ordinal), 120), "training did not start: " + process.Stderr);
        process.Interrupt();
        var code = process.WaitForExit();

        Assert.Equal(130, code);
        Assert.Contains($"saved in {checkpoint}", process.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        var saved = (Synthesis.Neural.Tvae.TvaeModel)ModelFile.Load(checkpoint, BuiltInSynthesizers.Registry);
        Assert.NotNull(saved.History);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }
}
