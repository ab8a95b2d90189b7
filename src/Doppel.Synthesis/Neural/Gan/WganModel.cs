using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// A fitted <c>wgan</c> or <c>wgan-gp</c>: the data transformer and the generator MLP (evaluation mode). Rows are
/// noise through the generator and the transformer's inverse; conditions are met by rejection. A checkpoint also
/// holds the critic and the optimisers' state.
/// </summary>
internal sealed class WganModel : ChunkedModel, ILossCurveSource
{
    private readonly GanLayout _layout;

    internal WganModel(WganRecipe recipe, WganParts parts, ulong seed, IReadOnlyList<OptimizerSnapshot>? resume = null)
    {
        (Recipe, Transformer, Generator, Critic, History, FitSeed, Resume) =
            (recipe, parts.Transformer, parts.Generator, parts.Critic, parts.History, seed, resume);
        _layout = GanLayout.From(Transformer);
    }

    /// <inheritdoc />
    public override string SynthesizerName => Recipe.Name;

    /// <inheritdoc />
    public override TableSchema Schema => Transformer.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The training history (loss curves, and where a checkpoint stopped), or null for a file without one.</summary>
    public TrainingHistory? History { get; }

    /// <inheritdoc />
    public ImmutableDictionary<string, ImmutableArray<double>> LossCurves =>
        History?.LossCurves ?? ImmutableDictionary<string, ImmutableArray<double>>.Empty;

    /// <summary>The name, options and training settings it was fitted with.</summary>
    internal WganRecipe Recipe { get; }

    internal DataTransformer Transformer { get; }

    /// <summary>The generator: in evaluation mode once fitted or loaded (a checkpoint written during a fit shares the training one).</summary>
    internal Sequential Generator { get; }

    /// <summary>The critic, kept only in checkpoints.</summary>
    internal Sequential? Critic { get; }

    /// <summary>The optimiser state when read from a checkpoint, else null.</summary>
    internal IReadOnlyList<OptimizerSnapshot>? Resume { get; }

    /// <summary>Reads a <c>wgan</c> model written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFileException">A block is missing or has the wrong shape.</exception>
    public static WganModel ReadWgan(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("wgan/options", GanJsonContext.Default.WganOptions);
        return Read(reader, RecipeOf(options));
    }

    /// <summary>Reads a <c>wgan-gp</c> model written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFileException">A block is missing or has the wrong shape.</exception>
    public static WganModel ReadWganGp(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("wgan-gp/options", GanJsonContext.Default.WganGpOptions);
        return Read(reader, RecipeOf(options));
    }

    /// <inheritdoc />
    // Blocks, under NAME = wgan or wgan-gp: NAME/options (JSON, the options record); NAME/transformer/... (see
    // DataTransformer.Write); NAME/generator/<tensor> float32 [rows, cols] per generator tensor (ModuleBlocks);
    // training/history.json (see TrainingHistory); checkpoints only: NAME/critic/<tensor> and training/optimizer/...
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Recipe.WriteOptions(writer);
        Transformer.Write(writer, SynthesizerName + "/transformer");
        ModuleBlocks.Write(writer, SynthesizerName + "/generator", Generator);
        if (Critic is not null)
        {
            ModuleBlocks.Write(writer, SynthesizerName + "/critic", Critic);
        }

        History?.Write(writer);
    }

    internal static WganRecipe RecipeOf(WganOptions options) =>
        new("wgan", w => w.WriteJson("wgan/options", options, GanJsonContext.Default.WganOptions), WassersteinSetup.From(options), options.Epochs);

    internal static WganRecipe RecipeOf(WganGpOptions options) =>
        new("wgan-gp", w => w.WriteJson("wgan-gp/options", options, GanJsonContext.Default.WganGpOptions), WassersteinSetup.From(options), options.Epochs);

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng) =>
        Transformer.Inverse(GanSampling.Generate(Generator, _layout, Recipe.Setup.EmbeddingDim, Recipe.Setup.Tau, null, null, rows, rng), rows);

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels()
    {
        var labels = GanLayout.Labels(Transformer);
        return Enumerable.Range(0, labels.Length)
            .Where(b => Schema[Transformer.DiscreteBlocks[b].Column].Kind == ColumnKind.Categorical)
            .ToDictionary(b => Transformer.DiscreteBlocks[b].Column, b => labels[b].Where(l => l is not null).Select(l => l!).ToImmutableArray());
    }

    private static WganModel Read(ModelReader reader, WganRecipe recipe)
    {
        var (name, setup) = (recipe.Name, recipe.Setup);
        var transformer = DataTransformer.Read(reader, name + "/transformer");
        var layout = GanLayout.From(transformer);

        // The weights are overwritten by the stored ones; the initialisation stream does not matter.
        var generator = WassersteinTrainer.NewGenerator(setup, layout, new Rng(0));
        ModuleBlocks.Read(reader, name + "/generator", generator);
        generator.Training = false;
        Sequential? critic = null;
        if (reader.Has(name + "/critic/0.weight"))
        {
            critic = WassersteinTrainer.NewCritic(setup, layout, new Rng(0));
            ModuleBlocks.Read(reader, name + "/critic", critic);
        }

        return new WganModel(recipe, new WganParts(transformer, generator, critic, TrainingHistory.Read(reader)), reader.Seed, Checkpoint.ReadOptimizers(reader));
    }
}

/// <summary>The name, options (as a writer of their block) and training settings of a <c>wgan</c> or <c>wgan-gp</c> fit.</summary>
internal sealed record WganRecipe(string Name, Action<ModelWriter> WriteOptions, WassersteinSetup Setup, int Epochs);

/// <summary>What a <see cref="WganModel"/> is made of: the transformer, the networks and the training history.</summary>
internal sealed record WganParts(DataTransformer Transformer, Sequential Generator, Sequential? Critic, TrainingHistory? History);
