using BenchmarkDotNet.Attributes;
using Doppel.Benchmarks.Synthesis;
using Doppel.Data;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Benchmarks.NeuralSynthesis;

/// <summary>
/// The neural data transformer on the bundled Adult table (32,561 rows; six numeric columns get a Bayesian Gaussian
/// mixture of up to 10 modes, nine discrete columns a one-hot). The reference fits it in 20 to 26 s. Baseline: the fit
/// on one thread; then on two threads, and encoding every row.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DataTransformerBenchmarks
{
    private Table _adult = null!;
    private DataTransformer _fitted = null!;

    [GlobalSetup]
    public void Setup()
    {
        _adult = CsvTableReader.Read(ClassicalSynthesizerBenchmarks.DataFile("adult.csv"));
        _fitted = DataTransformer.Fit(_adult, new DataTransformerOptions(), new Rng(1), 2);
    }

    [Benchmark(Baseline = true)]
    public object FitOneThread() => DataTransformer.Fit(_adult, new DataTransformerOptions(), new Rng(1), 1);

    [Benchmark]
    public object FitTwoThreads() => DataTransformer.Fit(_adult, new DataTransformerOptions(), new Rng(1), 2);

    [Benchmark]
    public float[] TransformAdult() => _fitted.Transform(_adult, new Rng(2));
}
