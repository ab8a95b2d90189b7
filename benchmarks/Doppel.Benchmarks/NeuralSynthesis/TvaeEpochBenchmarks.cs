using BenchmarkDotNet.Attributes;
using Doppel.Benchmarks.Synthesis;
using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.Neural.Transform;
using Doppel.Synthesis.Neural.Tvae;

namespace Doppel.Benchmarks.NeuralSynthesis;

/// <summary>
/// One TVAE epoch on Adult with the default options: 66 steps of 500 rows (32,561 rows, the whole table) through
/// encoder and decoder 128-128 with latent 128, and Adam. The reference takes 0.82 s on one thread; 300 epochs in
/// under 150 s needs under 0.5 s. Baseline: one thread; then two. Sampling 32,561 rows is timed too.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TvaeEpochBenchmarks
{
    private TvaeTrainer _oneThread = null!;
    private TvaeTrainer _twoThreads = null!;
    private ISynthesizerModel _model = null!;
    private int[] _order = null!;
    private int _rows;

    [GlobalSetup]
    public void Setup()
    {
        var adult = CsvTableReader.Read(ClassicalSynthesizerBenchmarks.DataFile("adult.csv"));
        var transformer = DataTransformer.Fit(adult, new DataTransformerOptions(), new Rng(1), 2);
        var encoded = transformer.Transform(adult, new Rng(2));
        var options = new TvaeOptions();
        _oneThread = Trainer(transformer, encoded, options, 1);
        _twoThreads = Trainer(transformer, encoded, options, 2);
        _rows = adult.RowCount;
        _order = [.. Enumerable.Range(0, _rows)];
        new Rng(3).Shuffle(_order);
        _model = new TvaeSynthesizer(new TvaeOptions { Epochs = 1 }).Fit(adult, new FitOptions { Seed = 1 });
    }

    [Benchmark(Baseline = true)]
    public double EpochOneThread() => Epoch(_oneThread);

    [Benchmark]
    public double EpochTwoThreads() => Epoch(_twoThreads);

    [Benchmark]
    public Table SampleAdultRows() => _model.Sample(_rows, new SampleOptions { Seed = 4 });

    private static TvaeTrainer Trainer(DataTransformer transformer, float[] encoded, TvaeOptions options, int threads)
    {
        var init = new Rng(5);
        var encoder = new TvaeEncoder(transformer.Width, options.CompressDims, options.EmbeddingDim, init);
        var decoder = new TvaeDecoder(options.EmbeddingDim, options.DecompressDims, transformer.Width, init);
        return new TvaeTrainer(encoder, decoder, encoded, transformer, options, threads);
    }

    private double Epoch(TvaeTrainer trainer)
    {
        Span<double> losses = stackalloc double[2];
        var sum = 0.0;
        for (var start = 0; start < _rows; start += 500)
        {
            trainer.Step(_order.AsSpan(start, Math.Min(500, _rows - start)), new Rng((ulong)start), losses);
            sum += losses[0];
        }

        return sum;
    }
}
