using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests;

public sealed class ParallelSamplingTests
{
    private static readonly Table Data = TestTables.Mixed(3000, 71);

    public static TheoryData<string> Synthesizers => new() { IndependentSynthesizer.SynthesizerName, GaussianCopulaSynthesizer.SynthesizerName };

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void SampleBatches_FourThreads_SameRowsAsSerial(string name)
    {
        var model = Fit(name);
        var options = new SampleOptions { Seed = 72, BatchSize = 5000, FirstRow = 1234 };

        var serial = TableConcat.Concat([.. model.SampleBatches(50_000, options)]);
        var parallel = TableConcat.Concat([.. ParallelSampling.SampleBatches(model, 50_000, options, 4)]);

        Assert.Equal(TestTables.Render(serial), TestTables.Render(parallel));
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_EightThreadsOwnSeeds_SameAsEightSerialCalls(string name)
    {
        var model = Fit(name);
        var seeds = Enumerable.Range(0, 8).Select(i => (ulong)(100 + i)).ToArray();
        var serial = seeds.Select(s => TestTables.Render(model.Sample(20_000, new SampleOptions { Seed = s, BatchSize = 3000 }))).ToArray();

        var concurrent = new string[8];
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            concurrent[i] = TestTables.Render(model.Sample(20_000, new SampleOptions { Seed = seeds[i], BatchSize = 3000 }));
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        Assert.Equal(serial, concurrent);
    }

    [Fact]
    public void Shard_FourParts_ConcatenateToTheWholeRun()
    {
        var model = Fit(GaussianCopulaSynthesizer.SynthesizerName);
        var options = new SampleOptions { Seed = 73 };
        const int rows = 30_001;

        var whole = TestTables.Render(model.Sample(rows, options));
        var parts = Enumerable.Range(0, 4).Select(i =>
        {
            var (first, count) = ParallelSampling.Shard(rows, i, 4);
            return TableConcat.Concat([.. ParallelSampling.SampleBatches(model, count, options with { FirstRow = first }, 2)]);
        }).ToList();

        Assert.Equal(whole, TestTables.Render(TableConcat.Concat(parts)));
        Assert.Equal([7500L, 7500, 7500, 7501], parts.Select(p => (long)p.RowCount));
    }

    private static ISynthesizerModel Fit(string name) => name == IndependentSynthesizer.SynthesizerName
        ? new IndependentSynthesizer().Fit(Data, new FitOptions { Seed = 70 })
        : new GaussianCopulaSynthesizer().Fit(Data, new FitOptions { Seed = 70 });
}
