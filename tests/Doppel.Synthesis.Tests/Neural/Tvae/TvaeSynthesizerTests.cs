using Doppel.Data;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Tvae;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Tvae;

/// <summary>The shared contract on a short schedule, plus checkpoints, resume and loss curves.</summary>
public sealed class TvaeSynthesizerTests : SynthesizerContractTests, IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    protected override int TrainingRows => 600;

    public void Dispose() => _folder.Dispose();

    private protected override ISynthesizer CreateSynthesizer() => new TvaeSynthesizer(new TvaeOptions { Epochs = 4, BatchSize = 200 });

    [Fact]
    public void Fit_CancelledMidEpochThenResumed_SameModelBytesAsUninterrupted()
    {
        var data = TestTables.Mixed(300, 31);
        var synthesizer = new TvaeSynthesizer(new TvaeOptions { Epochs = 3, BatchSize = 50 });
        var whole = Bytes(synthesizer.Fit(data, new FitOptions { Seed = 5 }));
        var checkpoint = _folder.File("ck.model");
        using var cancellation = new CancellationTokenSource();
        var stopAt = new Progress(p =>
        {
            if (p.Step == 8)
            {
                cancellation.Cancel();
            }
        });

        var error = Assert.Throws<TrainingCancelledException>(() =>
            synthesizer.Fit(data, new FitOptions { Seed = 5, CheckpointPath = checkpoint }, stopAt, cancellation.Token));
        var resumed = new TvaeSynthesizer().Fit(data, new FitOptions { Seed = 99, ResumeFrom = checkpoint });

        Assert.Equal(checkpoint, error.CheckpointPath);
        Assert.Equal(2, error.Epoch);
        Assert.Equal(whole, Bytes(resumed));
    }

    [Fact]
    public void Fit_WithCheckpoint_CheckpointLoadsAndSamples()
    {
        var data = TestTables.Mixed(200, 32);
        var checkpoint = _folder.File("every-epoch.model");

        new TvaeSynthesizer(new TvaeOptions { Epochs = 3, BatchSize = 100 }).Fit(data, new FitOptions { Seed = 1, CheckpointPath = checkpoint });
        var loaded = (TvaeModel)ModelFile.Load(checkpoint, BuiltInSynthesizers.Registry);

        Assert.Equal(2, loaded.History!.CompletedEpochs);
        Assert.Equal(100, loaded.Sample(100, new SampleOptions { Seed = 2 }).RowCount);
    }

    [Fact]
    public void Fit_FinishedModelAsResume_ThrowsModelFileException()
    {
        var data = TestTables.Mixed(100, 33);
        var path = _folder.File("finished.model");
        new TvaeSynthesizer(new TvaeOptions { Epochs = 1 }).Fit(data, new FitOptions { Seed = 1 }).Save(path);

        var error = Assert.Throws<ModelFileException>(() => new TvaeSynthesizer().Fit(data, new FitOptions { ResumeFrom = path }));

        Assert.Contains("not a checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Epochs_LossCurvesPerEpochSurviveSaveAndLoad()
    {
        var data = TestTables.Mixed(400, 34);

        var model = (TvaeModel)new TvaeSynthesizer(new TvaeOptions { Epochs = 5, BatchSize = 100 }).Fit(data, new FitOptions { Seed = 3 });
        var loaded = (ILossCurveSource)ModelFile.Load(new MemoryStream(Bytes(model)), "m", BuiltInSynthesizers.Registry);

        Assert.Equal(["kl", "reconstruction"], model.LossCurves.Keys.Order(StringComparer.Ordinal));
        Assert.All(model.LossCurves.Values, curve => Assert.Equal(5, curve.Length));
        Assert.Equal(model.LossCurves["reconstruction"].ToArray(), loaded.LossCurves["reconstruction"].ToArray());
        Assert.True(model.LossCurves["reconstruction"][^1] < model.LossCurves["reconstruction"][0], "the reconstruction loss should fall over five epochs");
    }

    [Fact]
    public void Sample_Condition_AllRowsSatisfyIt()
    {
        var model = Fit(TestTables.Mixed(TrainingRows, 35));

        var sample = model.Sample(300, new SampleOptions { Seed = 4, Conditions = [Condition.Parse("color=red")] });

        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal("red", sample["color"].FormatValue(i)));
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
