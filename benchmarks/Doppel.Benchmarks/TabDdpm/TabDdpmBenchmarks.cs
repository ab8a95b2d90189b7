using BenchmarkDotNet.Attributes;
using Doppel.Data;
using Doppel.Neural.Kernels;
using Doppel.Synthesis;
using Doppel.Synthesis.Neural.Diffusion;

namespace Doppel.Benchmarks.TabDdpm;

/// <summary>
/// TabDDPM's speed on Adult with the default options: one training step (the baseline), the same step's matrix
/// products alone (so their share of the step is the ratio), two reverse steps for a sampling chunk of 4,096 rows
/// and that pass's matrix products alone, run the way sampling runs them. Steps per second = 1 / TrainingStep;
/// sampling 32,561 rows takes about 8 chunks × DiffusionSteps / 2 × ReverseTwoSteps4096.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class TabDdpmBenchmarks
{
    private const int SampleRows = 4096;

    private readonly TabDdpmOptions _options = new();
    private DiffusionTrainer _trainer = null!;
    private TabDdpmModel _model = null!;
    private (int In, int Out)[] _layers = null!;
    private float[] _a = null!;
    private float[] _b = null!;
    private float[] _c = null!;
    private float[][] _blockOutputs = null!;
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        var adult = CsvTableReader.Read(BenchmarkFiles.Data("adult.csv"));
        var codec = TabularCodec.Fit(adult, null, _options.Knots);
        var denoiser = TabDdpmModel.CreateDenoiser(codec, _options, new Rng(1))!;
        _trainer = new DiffusionTrainer(codec, adult, new NoiseSchedule(_options.Schedule, _options.DiffusionSteps), denoiser, _options, new Rng(2), -1);
        _model = new TabDdpmModel(_options with { DiffusionSteps = 2 }, codec, TabDdpmModel.CreateDenoiser(codec, _options, new Rng(1)), [], 0);

        // The Linear layers of the denoiser: projection, time embedding (two), MLP and head.
        var width = denoiser.Width;
        var dim = _options.EmbeddingDim;
        var hidden = _options.Layers;
        _layers = [(width, dim), (dim, dim), (dim, dim), .. hidden.Select((h, i) => (i == 0 ? dim : hidden[i - 1], h)), (hidden[^1], width)];
        var largest = _layers.Max(l => Math.Max(l.In, l.Out)) * Math.Max(SampleRows, _options.BatchSize);
        (_a, _b, _c) = (Filled(largest), Filled(largest), new float[largest]);
        _blockOutputs = [.. Enumerable.Range(0, SampleRows / TabDdpmModel.BlockRows).Select(_ => new float[TabDdpmModel.BlockRows * _layers.Max(l => l.Out)])];
        for (var i = 0; i < 3; i++)
        {
            TrainingStep();
        }
    }

    [Benchmark(Baseline = true)]
    public double TrainingStep() => _trainer.Step(_step++ % _options.Steps).Total;

    /// <summary>Forward x·W, backward dy·Wᵀ (not for layers fed by constants: projection, first time layer) and xᵀ·dy.</summary>
    [Benchmark]
    public void TrainingStepMatrixProducts()
    {
        var m = _options.BatchSize;
        for (var i = 0; i < _layers.Length; i++)
        {
            var (k, n) = _layers[i];
            Gemm.Multiply(_a, _b, _c, m, n, k);
            if (i is not 0 and not 1)
            {
                Gemm.Multiply(_a, _b, _c, m, k, n, transposeB: true);
            }

            Gemm.Multiply(_a, _b, _c, k, n, m, transposeA: true);
        }
    }

    /// <summary>Two steps of the reverse process for 4,096 rows and their decoding (a model with two diffusion steps samples one chunk).</summary>
    [Benchmark]
    public int ReverseTwoSteps4096() => _model.Sample(SampleRows, new SampleOptions { Seed = 3 }).RowCount;

    /// <summary>
    /// The products of two reverse steps for 4,096 rows as sampling runs them: blocks of 512 rows in parallel, one
    /// thread per product, through the MLP and the head (the input projection is a sum of weight rows, the time
    /// embedding is computed once per model).
    /// </summary>
    [Benchmark]
    public void ReverseTwoStepsMatrixProducts() =>
        Parallel.For(0, SampleRows / TabDdpmModel.BlockRows, block =>
        {
            for (var step = 0; step < 2; step++)
            {
                for (var i = 3; i < _layers.Length; i++)
                {
                    var (k, n) = _layers[i];
                    Gemm.Multiply(_a, _b, _blockOutputs[block], TabDdpmModel.BlockRows, n, k, maxThreads: 1);
                }
            }
        });

    private static float[] Filled(int length)
    {
        var values = new float[length];
        new Rng(5).FillUniform(values);
        return values;
    }
}
