using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Neural.Gan;
using Doppel.Synthesis.Neural.Training;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Gan;

public sealed class GanSynthesizerTests
{
    public static TheoryData<string> Names => ["ctgan", "wgan", "wgan-gp"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Fit_SameSeed_SameModelBytesAndSamples(string name)
    {
        var data = SmallTable(400, 1);

        var first = Create(name).Fit(data, new FitOptions { Seed = 3, MaxDegreeOfParallelism = 1 });
        var second = Create(name).Fit(data, new FitOptions { Seed = 3, MaxDegreeOfParallelism = 2 });

        Assert.Equal(Bytes(first), Bytes(second));
        Assert.Equal(TestTables.Render(first.Sample(300, new SampleOptions { Seed = 4 })), TestTables.Render(second.Sample(300, new SampleOptions { Seed = 4 })));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Save_Load_SameSamples(string name)
    {
        var model = Create(name).Fit(SmallTable(400, 5), new FitOptions { Seed = 6 });
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = ModelFile.Load(stream, "test.model", BuiltInSynthesizers.Registry);

        Assert.Equal(name, loaded.SynthesizerName);
        Assert.Equal(TestTables.Render(model.Sample(500, new SampleOptions { Seed = 7 })), TestTables.Render(loaded.Sample(500, new SampleOptions { Seed = 7 })));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fit_AwkwardAndMixedTables_SamplesMatchSchema(string name)
    {
        foreach (var data in new[] { TestTables.Awkward(300, 22), TestTables.Mixed(300, 23), TestTables.Mixed(1, 24) })
        {
            var sample = Create(name, epochs: 1).Fit(data, new FitOptions { Seed = 25 }).Sample(200, new SampleOptions { Seed = 26 });

            Assert.Equal(200, sample.RowCount);
            Assert.Equal(data.Schema.Columns.Select(c => (c.Name, c.Kind)), sample.Schema.Columns.Select(c => (c.Name, c.Kind)));
        }
    }

    [Fact]
    public void Sample_CtganConditionOnDiscreteColumn_EveryRowMeetsIt()
    {
        var model = Create("ctgan").Fit(SmallTable(400, 8), new FitOptions { Seed = 9 });

        var sample = model.Sample(5000, new SampleOptions { Seed = 10, Conditions = [Condition.Parse("color=blue")] });

        Assert.Equal(5000, sample.RowCount);
        Assert.All(Enumerable.Range(0, 5000), i => Assert.Equal("blue", sample["color"].FormatValue(i)));
    }

    [Fact]
    public void Sample_CtganDiscreteAndNumericConditions_EveryRowMeetsBoth()
    {
        var model = Create("ctgan").Fit(SmallTable(400, 11), new FitOptions { Seed = 12 });

        var sample = model.Sample(2000, new SampleOptions { Seed = 13, Conditions = [Condition.Parse("size=large"), Condition.Parse("x>0")] });

        Assert.All(Enumerable.Range(0, 2000), i => Assert.Equal("large", sample["size"].FormatValue(i)));
        Assert.All(((NumericColumn)sample["x"]).Values, v => Assert.True(v > 0));
    }

    [Fact]
    public void Fit_Ctgan_ReportsEveryEpochAndKeepsTheLossCurve()
    {
        var reports = new List<TrainingProgress>();

        var model = (CtganModel)Create("ctgan").Fit(SmallTable(400, 14), new FitOptions { Seed = 15 }, new SyncProgress(reports.Add));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), reports.Select(r => r.Step)); // 400 rows, batch 100: 4 steps an epoch
        Assert.Equal([1, 1, 1, 1, 2, 2], reports.Take(6).Select(r => r.Epoch));
        Assert.Equal(["critic", "generator", "penalty"], reports[0].Losses.Keys.Order());
        Assert.All(model.LossCurves.Values, curve => Assert.Equal(3, curve.Length));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fit_CancelledThenResumed_SameModelAsUninterrupted(string name)
    {
        var data = SmallTable(400, 18);
        using var folder = TestData.TempFolder();
        var checkpoint = Path.Combine(folder.Path, "run.ckpt");
        var whole = Create(name).Fit(data, new FitOptions { Seed = 19 });
        using var cts = new CancellationTokenSource();

        var cancelled = Assert.Throws<TrainingCancelledException>(() => Create(name).Fit(data, new FitOptions { Seed = 19, CheckpointPath = checkpoint },
            new SyncProgress(p => { if (p.Step == 2) { cts.Cancel(); } }), cts.Token));
        var resumed = Create(name).Fit(data, new FitOptions { Seed = 99, ResumeFrom = checkpoint });

        Assert.Equal(checkpoint, cancelled.CheckpointPath);
        Assert.Equal(Bytes(whole), Bytes(resumed));
    }

    [Fact]
    public void Fit_ResumeFromFinishedModel_Refused()
    {
        using var folder = TestData.TempFolder();
        var path = Path.Combine(folder.Path, "done.model");
        Create("ctgan").Fit(SmallTable(400, 20), new FitOptions { Seed = 21 }).Save(path);

        Assert.Throws<ModelFileException>(() => Create("ctgan").Fit(SmallTable(400, 20), new FitOptions { ResumeFrom = path }));
    }

    [Fact]
    public void Fit_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Create("ctgan").Fit(SmallTable(400, 16), new FitOptions { Seed = 17 }, null, cts.Token));
    }

    internal static ISynthesizer Create(string name, int epochs = 3) => name switch
    {
        "ctgan" => new CtganSynthesizer(new CtganOptions { Epochs = epochs, BatchSize = 100, GeneratorDims = [32, 32], DiscriminatorDims = [32, 32], EmbeddingDim = 16 }),
        "wgan" => new WganSynthesizer(new WganOptions { Epochs = epochs, BatchSize = 50, GeneratorDims = [32], CriticDims = [32], EmbeddingDim = 16 }),
        _ => new WganGpSynthesizer(new WganGpOptions { Epochs = epochs, BatchSize = 50, GeneratorDims = [32], CriticDims = [32], EmbeddingDim = 16 }),
    };

    // x normal, color from three labels, size from two, with x shifted by size.
    internal static Table SmallTable(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new double[rows];
        var color = new int[rows];
        var size = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            size[i] = rng.NextDouble() < 0.3 ? 1 : 0;
            color[i] = rng.NextDouble() < 0.6 ? 0 : rng.Next(1, 3);
            x[i] = (size[i] == 1 ? 2 : -1) + rng.NextGaussian();
        }

        return new Table([
            new NumericColumn("x", x),
            new CategoricalColumn("color", color, ImmutableArray.Create("red", "green", "blue")),
            new CategoricalColumn("size", size, ImmutableArray.Create("small", "large")),
        ]);
    }

    private static byte[] Bytes(ISynthesizerModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
