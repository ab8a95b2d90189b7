using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// A fitted <c>ctgan</c>: the data transformer and the generator (evaluation mode). Unconditioned rows draw
/// their conditional vector from the training frequencies, as the reference does; a condition
/// <c>column=category</c> on a discrete column sets the conditional vector and the category itself, so the rows
/// meet it by construction (other conditions are then met by rejection). A checkpoint also holds the critic and
/// the optimisers' state.
/// </summary>
internal sealed class CtganModel : ChunkedModel, ILossCurveSource
{
    private readonly DataTransformer _transformer;
    private readonly GanLayout _layout;
    private readonly Sequential _generator;
    private readonly ConditionalSampler? _sampler;
    private readonly ImmutableArray<ImmutableArray<string?>> _labels;

    internal CtganModel(CtganOptions options, DataTransformer transformer, Sequential generator, Sequential? critic, TrainingHistory? history,
        ulong seed, IReadOnlyList<OptimizerSnapshot>? resume = null)
    {
        (Options, _transformer, _generator, Critic, History, FitSeed, Resume) = (options, transformer, generator, critic, history, seed, resume);
        _layout = GanLayout.From(transformer);
        _sampler = _layout.Blocks.Length > 0 ? new ConditionalSampler(_layout.Counts) : null;
        _labels = GanLayout.Labels(transformer);
    }

    /// <inheritdoc />
    public override string SynthesizerName => "ctgan";

    /// <inheritdoc />
    public override TableSchema Schema => _transformer.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The options of the fit.</summary>
    public CtganOptions Options { get; }

    /// <summary>The training history (loss curves, and where a checkpoint stopped), or null for a file without one.</summary>
    public TrainingHistory? History { get; }

    /// <inheritdoc />
    public ImmutableDictionary<string, ImmutableArray<double>> LossCurves =>
        History?.LossCurves ?? ImmutableDictionary<string, ImmutableArray<double>>.Empty;

    internal DataTransformer Transformer => _transformer;

    /// <summary>The generator: in evaluation mode once fitted or loaded (a checkpoint written during a fit shares the training one).</summary>
    internal Sequential Generator => _generator;

    /// <summary>The critic, kept only in checkpoints.</summary>
    internal Sequential? Critic { get; }

    /// <summary>The optimiser state when read from a checkpoint, else null.</summary>
    internal IReadOnlyList<OptimizerSnapshot>? Resume { get; }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFileException">A block is missing or has the wrong shape.</exception>
    public static CtganModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("ctgan/options", GanJsonContext.Default.CtganOptions);
        var transformer = DataTransformer.Read(reader, "ctgan/transformer");
        var layout = GanLayout.From(transformer);
        // The weights are overwritten by the stored ones; the initialisation stream does not matter.
        var generator = CtganTrainer.NewGenerator(options, layout, new Rng(0));
        ModuleBlocks.Read(reader, "ctgan/generator", generator);
        generator.Training = false;
        Sequential? critic = null;
        if (reader.Has("ctgan/critic/0.weight"))
        {
            critic = CtganTrainer.NewCritic(options, layout, new Rng(0));
            ModuleBlocks.Read(reader, "ctgan/critic", critic);
        }

        return new CtganModel(options, transformer, generator, critic, TrainingHistory.Read(reader), reader.Seed, Checkpoint.ReadOptimizers(reader));
    }

    /// <inheritdoc />
    // Blocks: ctgan/options (JSON, the CtganOptions record); ctgan/transformer/... (see DataTransformer.Write);
    // ctgan/generator/<tensor> float32 [rows, cols] per generator tensor (ModuleBlocks: 0.fc.weight, 0.bn.running_mean, ...);
    // training/history.json (per-epoch loss means, see TrainingHistory); checkpoints only: ctgan/critic/<tensor> and
    // training/optimizer/... (see Checkpoint).
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("ctgan/options", Options, GanJsonContext.Default.CtganOptions);
        _transformer.Write(writer, "ctgan/transformer");
        ModuleBlocks.Write(writer, "ctgan/generator", _generator);
        if (Critic is not null)
        {
            ModuleBlocks.Write(writer, "ctgan/critic", Critic);
        }

        History?.Write(writer);
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng) => Generate(rows, null, rng);

    /// <inheritdoc />
    protected override Table SampleConditionedChunk(int rows, ConditionSet conditions, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(rng);
        var condition = FindCondition(conditions);
        if (condition is null)
        {
            return base.SampleConditionedChunk(rows, conditions, rng);
        }

        // The conditioned column holds the category by construction; the rest are checked and rejected.
        var kept = new List<Table>();
        int have = 0, tried = 0, batch = rows;
        for (var attempt = 0; have < rows; attempt++)
        {
            var candidates = Generate(batch, condition, rng.Fork("condition", attempt));
            tried += batch;
            var mask = conditions.Evaluate(candidates);
            var accepted = Enumerable.Range(0, mask.Length).Where(i => mask[i]).Take(rows - have).ToArray();
            if (accepted.Length > 0)
            {
                kept.Add(candidates.Take(accepted));
                have += accepted.Length;
            }

            if (have < rows && tried >= 10_000 && have < tried * MinimumAcceptance)
            {
                throw new DoppelException(
                    $"the conditions {string.Join(", ", conditions.Conditions)} accepted {have} of {tried} generated rows; " +
                    "they describe rows this model almost never makes. Loosen them.");
            }

            batch = (int)Math.Clamp((rows - have) / ((have + 1.0) / tried) * 1.2, 256, 1 << 20);
        }

        return TableConcat.Concat(kept);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() =>
        Enumerable.Range(0, _labels.Length)
            .Where(b => Schema[_transformer.DiscreteBlocks[b].Column].Kind == ColumnKind.Categorical)
            .ToDictionary(b => _transformer.DiscreteBlocks[b].Column, b => _labels[b].Where(l => l is not null).Select(l => l!).ToImmutableArray());

    private Table Generate(int rows, (int Column, int Category)? condition, Rng rng)
    {
        var encoded = GanSampling.Generate(_generator, _layout, Options.EmbeddingDim, (float)Options.GumbelTau, _sampler, condition, rows, rng);
        return _transformer.Inverse(encoded, rows);
    }

    // The first `column = category` condition on a discrete column, as (block, category).
    private (int Column, int Category)? FindCondition(ConditionSet conditions)
    {
        foreach (var c in conditions.Conditions.Where(c => c.Operator == ConditionOperator.Equal))
        {
            for (var b = 0; b < _labels.Length; b++)
            {
                var k = _transformer.DiscreteBlocks[b].Column == c.Column ? _labels[b].IndexOf(c.Value) : -1;
                if (k >= 0)
                {
                    return (b, k);
                }
            }
        }

        return null;
    }
}
