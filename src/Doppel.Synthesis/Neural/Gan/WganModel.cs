using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// A fitted <c>wgan</c> or <c>wgan-gp</c>: the data transformer and the generator MLP (evaluation mode). Rows are
/// noise through the generator and the transformer's inverse; conditions are met by rejection.
/// </summary>
public sealed class WganModel : ChunkedModel
{
    private readonly DataTransformer _transformer;
    private readonly GanLayout _layout;
    private readonly Sequential _generator;
    private readonly Action<ModelWriter> _writeOptions;
    private readonly double[] _lossCurve;
    private readonly (int EmbeddingDim, float Tau) _shape;

    private WganModel(string name, Action<ModelWriter> writeOptions, (int EmbeddingDim, float Tau) shape, DataTransformer transformer,
        Sequential generator, double[] lossCurve, ulong seed)
    {
        (SynthesizerName, _writeOptions, _shape, _transformer, _generator, _lossCurve, FitSeed) = (name, writeOptions, shape, transformer, generator, lossCurve, seed);
        _generator.Training = false;
        _layout = GanLayout.From(transformer);
    }

    /// <inheritdoc />
    public override string SynthesizerName { get; }

    /// <inheritdoc />
    public override TableSchema Schema => _transformer.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>Mean losses per epoch (generator, critic, penalty), row-major [epoch, loss].</summary>
    public ReadOnlySpan<double> LossCurve => _lossCurve;

    /// <summary>Reads a <c>wgan</c> model written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFileException">A block is missing or has the wrong shape.</exception>
    public static WganModel ReadWgan(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("wgan/options", GanJsonContext.Default.WganOptions);
        return Read(reader, Create(options), options.GeneratorDims);
    }

    /// <summary>Reads a <c>wgan-gp</c> model written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFileException">A block is missing or has the wrong shape.</exception>
    public static WganModel ReadWganGp(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("wgan-gp/options", GanJsonContext.Default.WganGpOptions);
        return Read(reader, Create(options), options.GeneratorDims);
    }

    /// <inheritdoc />
    // Blocks, under NAME = wgan or wgan-gp: NAME/options (JSON); NAME/transformer/... (the transformer's blocks);
    // NAME/generator/<tensor> float32 [rows, cols] per generator tensor (ModuleBlocks); NAME/losses float64 [epochs, 3].
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writeOptions(writer);
        _transformer.Write(writer, SynthesizerName + "/transformer");
        ModuleBlocks.Write(writer, SynthesizerName + "/generator", _generator);
        writer.WriteDoubles(SynthesizerName + "/losses", _lossCurve, _lossCurve.Length / WassersteinTrainer.LossNames.Length, WassersteinTrainer.LossNames.Length);
    }

    internal static Func<DataTransformer, Sequential, double[], ulong, WganModel> Create(WganOptions options) =>
        (t, g, c, s) => new WganModel("wgan", w => w.WriteJson("wgan/options", options, GanJsonContext.Default.WganOptions),
            (options.EmbeddingDim, (float)options.GumbelTau), t, g, c, s);

    internal static Func<DataTransformer, Sequential, double[], ulong, WganModel> Create(WganGpOptions options) =>
        (t, g, c, s) => new WganModel("wgan-gp", w => w.WriteJson("wgan-gp/options", options, GanJsonContext.Default.WganGpOptions),
            (options.EmbeddingDim, (float)options.GumbelTau), t, g, c, s);

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng) =>
        _transformer.Inverse(GanSampling.Generate(_generator, _layout, _shape.EmbeddingDim, _shape.Tau, null, null, rows, rng), rows);

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels()
    {
        var labels = GanLayout.Labels(_transformer);
        return Enumerable.Range(0, labels.Length)
            .Where(b => Schema[_transformer.DiscreteBlocks[b].Column].Kind == ColumnKind.Categorical)
            .ToDictionary(b => _transformer.DiscreteBlocks[b].Column, b => labels[b].Where(l => l is not null).Select(l => l!).ToImmutableArray());
    }

    private static WganModel Read(ModelReader reader, Func<DataTransformer, Sequential, double[], ulong, WganModel> create, IReadOnlyList<int> dims)
    {
        var name = reader.Has("wgan/options") ? "wgan" : "wgan-gp";
        var transformer = DataTransformer.Read(reader, name + "/transformer");
        var embedding = reader.Has("wgan/options")
            ? reader.ReadJson("wgan/options", GanJsonContext.Default.WganOptions).EmbeddingDim
            : reader.ReadJson("wgan-gp/options", GanJsonContext.Default.WganGpOptions).EmbeddingDim;
        var generator = GanNetworks.MlpGenerator(embedding, dims, transformer.Width, new Rng(0));
        ModuleBlocks.Read(reader, name + "/generator", generator);
        return create(transformer, generator, reader.ReadDoubles(name + "/losses"), reader.Seed);
    }
}
