using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Tvae;

/// <summary>
/// A fitted <see cref="TvaeSynthesizer"/>. A row is z ~ N(0, I) decoded; each scalar span becomes tanh(output) plus
/// normal noise with the column's learned sigma (as the reference), each softmax span a draw from its softmax (or its
/// arg-max, see <see cref="TvaeOptions.Decoding"/>), and the
/// <see cref="DataTransformer"/> maps the result back to typed columns. Conditions fall back to rejection sampling.
/// </summary>
internal sealed class TvaeModel : ChunkedModel, ILossCurveSource
{
    private readonly int[] _scalars;
    private readonly int[] _spans;

    internal TvaeModel(TvaeOptions options, DataTransformer transformer, TvaeEncoder encoder, TvaeDecoder decoder,
        TrainingHistory? history, ulong fitSeed, IReadOnlyList<OptimizerSnapshot>? resume = null)
    {
        (Options, Transformer, Encoder, Decoder, History, FitSeed, Resume) = (options, transformer, encoder, decoder, history, fitSeed, resume);
        (_scalars, _spans) = TvaeTrainer.Layout(transformer);
    }

    /// <summary>The hyperparameters it was fitted with.</summary>
    public TvaeOptions Options { get; }

    /// <summary>The encoding of the rows.</summary>
    public DataTransformer Transformer { get; }

    /// <inheritdoc />
    public override string SynthesizerName => TvaeSynthesizer.SynthesizerName;

    /// <inheritdoc />
    public override TableSchema Schema => Transformer.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The training history (loss curves, and where a checkpoint stopped), or null for a file without one.</summary>
    public TrainingHistory? History { get; }

    /// <inheritdoc />
    public ImmutableDictionary<string, ImmutableArray<double>> LossCurves =>
        History?.LossCurves ?? ImmutableDictionary<string, ImmutableArray<double>>.Empty;

    internal TvaeEncoder Encoder { get; }

    internal TvaeDecoder Decoder { get; }

    /// <summary>The optimiser state when read from a checkpoint, else null.</summary>
    internal IReadOnlyList<OptimizerSnapshot>? Resume { get; }

    // Model-file layout (besides the manifest):
    //   options.json              the TvaeOptions record, snake_case JSON
    //   transformer.json          the DataTransformer (see DataTransformer.Write)
    //   encoder/{name}            float32 tensors of the encoder (seq.0.weight (width, 128), ..., fc1.*, fc2.*); see ModuleBlocks
    //   decoder/{name}            float32 tensors of the decoder (seq.*, sigma (1, width))
    //   training/history.json     the per-epoch loss means and counters (see TrainingHistory)
    //   training/optimizer/...    only in checkpoints: the Adam state (see Checkpoint)
    /// <inheritdoc />
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options.json", Options, TvaeJsonContext.Default.TvaeOptions);
        Transformer.Write(writer, "transformer");
        ModuleBlocks.Write(writer, "encoder", Encoder);
        ModuleBlocks.Write(writer, "decoder", Decoder);
        History?.Write(writer);
    }

    /// <summary>Rebuilds a model (or a checkpoint) from a verified model file.</summary>
    /// <exception cref="ModelFileException">A block is missing or inconsistent.</exception>
    public static TvaeModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("options.json", TvaeJsonContext.Default.TvaeOptions);
        try
        {
            options.Validate();
        }
        catch (InvalidOptionsException e)
        {
            throw new ModelFileException(reader.File, $"block 'options.json' holds invalid options: {e.Message}", e);
        }

        var transformer = DataTransformer.Read(reader, "transformer");
        if (transformer.Width == 0)
        {
            throw reader.Error("the transformer encodes no column");
        }

        // The weights are overwritten by the stored ones; the initialisation stream does not matter.
        var encoder = new TvaeEncoder(transformer.Width, options.CompressDims, options.EmbeddingDim, new Rng(0));
        var decoder = new TvaeDecoder(options.EmbeddingDim, options.DecompressDims, transformer.Width, new Rng(0));
        ModuleBlocks.Read(reader, "encoder", encoder);
        ModuleBlocks.Read(reader, "decoder", decoder);
        return new TvaeModel(options, transformer, encoder, decoder, TrainingHistory.Read(reader), reader.Seed, Checkpoint.ReadOptimizers(reader));
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var tape = new Tape(rng) { NoGrad = true };
        var noise = tape.RandomNormal(rows, Options.EmbeddingDim, rng); // (rows, embedding)
        var output = Decoder.Forward(tape, noise); // (rows, width)
        var sigma = Decoder.Sigma.Span;
        foreach (var j in _scalars)
        {
            for (var r = 0; r < rows; r++)
            {
                output[r, j] = MathF.Tanh(output[r, j]) + (sigma[j] * (float)rng.NextGaussian());
            }
        }

        if (Options.Decoding == SoftmaxDecoding.Sample)
        {
            for (var r = 0; r < rows; r++)
            {
                DrawCategories(output.Row(r), rng);
            }
        }

        return Transformer.Inverse(output.Span, rows);
    }

    /// <summary>Replaces each softmax span of <paramref name="row"/> by the one-hot of a draw from its softmax.</summary>
    private void DrawCategories(Span<float> row, Rng rng)
    {
        for (var k = 0; k < _spans.Length; k += 2)
        {
            var span = row.Slice(_spans[k], _spans[k + 1]);
            var max = float.NegativeInfinity;
            foreach (var v in span)
            {
                max = MathF.Max(max, v);
            }

            var total = 0.0;
            foreach (ref var v in span)
            {
                v = MathF.Exp(v - max);
                total += v;
            }

            var u = rng.NextDouble() * total;
            var pick = span.Length - 1;
            for (var j = 0; j < span.Length; j++)
            {
                u -= span[j];
                if (u < 0)
                {
                    pick = j;
                    break;
                }
            }

            span.Clear();
            span[pick] = 1;
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() =>
        Transformer.Schema.Columns
            .Where(c => c.Kind == ColumnKind.Categorical)
            .ToDictionary(c => c.Name, c => Transformer.LabelsOf(c.Name), StringComparer.Ordinal);
}
