using BenchmarkDotNet.Attributes;
using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.Neural.Gan;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Benchmarks.Gan;

/// <summary>
/// ctgan on Adult (32,561 rows, the reference's defaults): one training step (critic with gradient penalty, then
/// generator; an epoch is 65 steps) on two threads and on one, and sampling 32,561 rows from a model after one
/// epoch. The baseline is the one-thread step.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CtganBenchmarks
{
    private CtganTrainer _oneThread = null!;
    private CtganTrainer _twoThreads = null!;
    private ISynthesizerModel _model = null!;
    private readonly double[] _losses = new double[3];
    private readonly int[] _batch = [.. Enumerable.Range(0, 500)];
    private readonly Rng _steps = new(1);

    [GlobalSetup]
    public void Setup()
    {
        var adult = CsvTableReader.Read(BenchmarkFiles.Data("adult.csv"));
        var rng = new Rng(0);
        var transformer = DataTransformer.Fit(adult, new DataTransformerOptions(), rng.Fork("transformer"), 2);
        var encoded = transformer.Transform(adult, rng.Fork("encode"));
        var layout = GanLayout.From(transformer);
        _oneThread = new CtganTrainer(new CtganOptions(), layout, encoded, adult.RowCount, rng.Fork("init"), 1);
        _twoThreads = new CtganTrainer(new CtganOptions(), layout, encoded, adult.RowCount, rng.Fork("init"), 2);
        for (var i = 0; i < 3; i++)
        {
            _oneThread.Step(_batch, _steps, _losses);
            _twoThreads.Step(_batch, _steps, _losses);
        }

        _model = new CtganSynthesizer(new CtganOptions { Epochs = 1 }).Fit(adult, new FitOptions { Seed = 0, MaxDegreeOfParallelism = 2 });
    }

    [Benchmark(Baseline = true)]
    public double StepOneThread()
    {
        _oneThread.Step(_batch, _steps, _losses);
        return _losses[0];
    }

    [Benchmark]
    public double StepTwoThreads()
    {
        _twoThreads.Step(_batch, _steps, _losses);
        return _losses[0];
    }

    [Benchmark]
    public int Sample32561Rows() => _model.Sample(32_561, new SampleOptions { Seed = 1 }).RowCount;
}
