using BenchmarkDotNet.Attributes;
using Doppel.Benchmarks.Data;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis;
using Doppel.Synthesis.Neural.Gan;

namespace Doppel.Benchmarks.Gan;

/// <summary>
/// Sampling 32,561 rows (the size of Adult) from a ctgan fitted for one epoch on Adult. The baseline is the plain
/// inference path: a new tape per 4,096-row chunk, the whole chunk through the generator at once (matrix products on
/// both cores, everything else on one), every buffer freshly allocated. <c>Sample32561Rows</c> is the model's own
/// path: tapes kept between chunks, the generator in 512-row batches spread over both cores. Both give the same
/// bytes (checked in the setup). Runs in process, short job:
/// <c>dotnet run -c Release --project benchmarks/Doppel.Benchmarks -- --filter '*GanSamplingBenchmarks*'</c>.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class GanSamplingBenchmarks
{
    private const int Rows = 32_561;
    private CtganModel _model = null!;
    private GanLayout _layout = null!;
    private ConditionalSampler _sampler = null!;

    [GlobalSetup]
    public void Setup()
    {
        var adult = CsvTableReader.Read(BenchmarkFiles.Data("adult.csv"));
        _model = (CtganModel)new CtganSynthesizer(new CtganOptions { Epochs = 1 }).Fit(adult, new FitOptions { Seed = 0, MaxDegreeOfParallelism = 2 });
        _layout = GanLayout.From(_model.Transformer);
        _sampler = new ConditionalSampler(_layout.Counts);
        var (fast, plain) = (Sample32561Rows(), Sample32561RowsOneTapePerChunk());
        for (var j = 0; j < fast.ColumnCount; j++)
        {
            for (var i = 0; i < Rows; i++)
            {
                if (fast[j].FormatValue(i) != plain[j].FormatValue(i))
                {
                    throw new InvalidOperationException($"the two paths differ at row {i} of column {fast[j].Name}");
                }
            }
        }
    }

    [Benchmark(Baseline = true)]
    public Table Sample32561RowsOneTapePerChunk()
    {
        var root = new Rng(1);
        var chunks = new List<Table>();
        for (var k = 0; k * ChunkedModel.ChunkRows < Rows; k++)
        {
            var rng = root.Fork("sample", k);
            var tape = new Tape(rng) { NoGrad = true };
            var noise = tape.RandomNormal(ChunkedModel.ChunkRows, _model.Options.EmbeddingDim, rng);
            var cond = tape.Input(ChunkedModel.ChunkRows, _sampler.Width);
            for (var r = 0; r < ChunkedModel.ChunkRows; r++)
            {
                var (column, category) = _sampler.SampleOriginal(rng);
                _sampler.Write(cond.Row(r), column, category);
            }

            var raw = _model.Generator.Forward(tape, tape.Concat(noise, cond));
            var fake = new SpanActivation(_layout, (float)_model.Options.GumbelTau).Apply(tape, raw, rng).ToArray();
            var table = _model.Transformer.Inverse(fake, ChunkedModel.ChunkRows);
            var keep = Math.Min(ChunkedModel.ChunkRows, Rows - (k * ChunkedModel.ChunkRows));
            chunks.Add(keep < ChunkedModel.ChunkRows ? table.Slice(0, keep) : table);
        }

        return TableConcat.Concat(chunks);
    }

    [Benchmark]
    public Table Sample32561Rows() => _model.Sample(Rows, new SampleOptions { Seed = 1 });
}
