using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Neural.Diffusion;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Diffusion;

public sealed class TabDdpmSynthesizerTests : SynthesizerContractTests
{
    /// <summary>Small and short: the contract is about plumbing, not quality.</summary>
    private static readonly TabDdpmOptions Tiny = new()
    {
        Steps = 100,
        BatchSize = 64,
        Layers = [32, 32],
        EmbeddingDim = 16,
        DiffusionSteps = 8,
        EmaDecay = 0.9,
    };

    /// <summary>Enough training for two well-separated clusters, still a few seconds on two cores.</summary>
    private static readonly TabDdpmOptions Clusters = new()
    {
        Steps = 600,
        BatchSize = 128,
        Layers = [64, 64],
        EmbeddingDim = 32,
        DiffusionSteps = 20,
        LearningRate = 0.005,
        EmaDecay = 0.95,
    };

    protected override int TrainingRows => 500;

    private protected override ISynthesizer CreateSynthesizer() => new TabDdpmSynthesizer(Tiny);

    [Fact]
    public void Fit_TwoClusters_SamplesReproduceThem()
    {
        var data = TwoClusters(2000, 31);

        var sample = new TabDdpmSynthesizer(Clusters).Fit(data, new FitOptions { Seed = 32 }).Sample(2000, new SampleOptions { Seed = 33 });

        var (inCluster, aShare) = Agreement(sample);
        var (_, trainingShare) = Agreement(data);
        Assert.True(inCluster >= 0.9, $"{inCluster:P1} of sampled rows lie in the cluster of their label (≥ 90% expected; the training rows are 100%)");
        StatAssert.ShareNear(trainingShare, (long)Math.Round(aShare * sample.RowCount), sample.RowCount);
    }

    [Fact]
    public void Sample_ConditionOnTarget_ExactClassAndItsCluster()
    {
        var data = TwoClusters(2000, 34);
        var model = new TabDdpmSynthesizer(Clusters with { Target = "label" }).Fit(data, new FitOptions { Seed = 35 });

        var sample = model.Sample(1000, new SampleOptions { Seed = 36, Conditions = [Condition.Parse("label=b")] });

        var labels = (CategoricalColumn)sample["label"];
        Assert.All(Enumerable.Range(0, sample.RowCount), i => Assert.Equal("b", labels.FormatValue(i)));
        var x = ((NumericColumn)sample["x"]).Values;
        var positive = x.Count(v => v > 0);
        Assert.True(positive >= 900, $"{positive} of 1000 rows conditioned on b lie in b's cluster (x > 0); ≥ 900 expected");
    }

    [Fact]
    public void Sample_ConditionOnOtherColumn_FallsBackToRejection()
    {
        var model = new TabDdpmSynthesizer(Tiny with { Target = "color" }).Fit(TestTables.Mixed(300, 37), new FitOptions { Seed = 38 });

        var sample = model.Sample(200, new SampleOptions { Seed = 39, Conditions = [Condition.Parse("flag=yes")] });

        var flag = (BooleanColumn)sample["flag"];
        Assert.All(Enumerable.Range(0, sample.RowCount), i => Assert.Equal("yes", flag.FormatValue(i)));
    }

    [Fact]
    public void Fit_Progress_ReportsNamedLossesAndStoresCurve()
    {
        var reports = new List<TrainingProgress>();

        var model = (TabDdpmModel)new TabDdpmSynthesizer(Tiny with { Steps = 120 }).Fit(TestTables.Mixed(300, 40), new FitOptions { Seed = 41 }, new SyncProgress(reports.Add));

        Assert.Equal([50L, 100L, 120L], reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(["gaussian", "multinomial"], r.Losses.Keys.Order()));
        Assert.Equal(9, model.LossCurve.Count);
        Assert.All(model.LossCurve, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Fit_CancelledThenResumed_SameModelAsUninterrupted()
    {
        var data = TestTables.Mixed(300, 42);
        var options = Tiny with { Steps = 120, Dropout = 0.1 };
        using var folder = TestData.TempFolder();
        var checkpoint = folder.File("run.checkpoint");
        using var cancel = new CancellationTokenSource();

        var whole = Bytes(new TabDdpmSynthesizer(options).Fit(data, new FitOptions { Seed = 43 }));
        var error = Assert.Throws<Doppel.Synthesis.Neural.Training.TrainingCancelledException>(() => new TabDdpmSynthesizer(options).Fit(
            data, new FitOptions { Seed = 43, CheckpointPath = checkpoint }, new SyncProgress(p => { if (p.Step == 50) { cancel.Cancel(); } }), cancel.Token));
        var resumed = Bytes(new TabDdpmSynthesizer(Tiny).Fit(data, new FitOptions { Seed = 99, ResumeFrom = checkpoint }));

        Assert.Equal(checkpoint, error.CheckpointPath);
        Assert.Equal(whole, resumed);
    }

    [Fact]
    public void Fit_Epochs_BecomeStepsForTheRows()
    {
        var model = (TabDdpmModel)new TabDdpmSynthesizer(Tiny with { Epochs = 3 }).Fit(TestTables.Mixed(300, 46), new FitOptions { Seed = 47 });

        Assert.Equal(15, model.Options.Steps); // ⌈3 · 300 / 64⌉
        Assert.Null(model.Options.Epochs);
    }

    [Fact]
    public void Fit_ResumeFromFinishedModel_Refused()
    {
        var data = TestTables.Mixed(300, 44);
        using var folder = TestData.TempFolder();
        var path = folder.File("done.model");
        new TabDdpmSynthesizer(Tiny).Fit(data, new FitOptions { Seed = 45 }).Save(path);

        Assert.Throws<ModelFileException>(() => new TabDdpmSynthesizer(Tiny).Fit(data, new FitOptions { Seed = 45, ResumeFrom = path }));
    }

    [Fact]
    public void Options_Invalid_EveryProblemListed()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new TabDdpmSynthesizer(new TabDdpmOptions { Steps = 0, Layers = [], EmbeddingDim = 3 }));

        Assert.Contains("steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("layers", error.Message, StringComparison.Ordinal);
        Assert.Contains("embedding_dim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_CommandLineOverrides_ParsedIntoOptions()
    {
        var overrides = new System.Text.Json.Nodes.JsonObject { ["layers"] = "64-32", ["schedule"] = "linear", ["steps"] = 7, ["target"] = "income" };

        var options = ((TabDdpmSynthesizer)TabDdpmSynthesizer.Descriptor.Create(overrides)).Options;

        Assert.Equal(new[] { 64, 32 }, options.Layers.ToArray());
        Assert.Equal(NoiseScheduleKind.Linear, options.Schedule);
        Assert.Equal(7, options.Steps);
        Assert.Equal("income", options.Target);
    }

    /// <summary>Label a (60%) with x ~ N(-4, 0.5²) and k in {1, 2}; label b (40%) with x ~ N(4, 0.5²) and k in {7, 8}.</summary>
    private static Table TwoClusters(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[rows];
        var k = new long[rows];
        var label = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            var a = rng.NextDouble() < 0.6;
            x[i] = (a ? -4 : 4) + (0.5 * rng.NextGaussian());
            k[i] = (a ? 1 : 7) + rng.Next(2);
            label[i] = a ? "a" : "b";
        }

        var table = new Table([new NumericColumn("x", x), new IntegerColumn("k", k), CategoricalColumn.FromLabels("label", label)]);
        var schema = new TableSchema([.. table.Schema.Columns.Select(c => c.Name == "k" ? c with { IsDiscrete = true } : c)]);
        return new Table(schema, table.Columns);
    }

    /// <summary>The share of rows whose x and k lie in their label's cluster, and the share labelled a.</summary>
    private static (double InCluster, double AShare) Agreement(Table sample)
    {
        var x = ((NumericColumn)sample["x"]).Values;
        var k = ((IntegerColumn)sample["k"]).Values;
        var label = (CategoricalColumn)sample["label"];
        var good = 0;
        var a = 0;
        for (var i = 0; i < sample.RowCount; i++)
        {
            var isA = label.FormatValue(i) == "a";
            a += isA ? 1 : 0;
            good += (isA ? x[i] < 0 && k[i] is 1 or 2 : x[i] > 0 && k[i] is 7 or 8) ? 1 : 0;
        }

        return ((double)good / sample.RowCount, (double)a / sample.RowCount);
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
