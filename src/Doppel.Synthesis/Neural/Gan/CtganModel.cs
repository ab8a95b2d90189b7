using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// A fitted <c>ctgan</c>: the data transformer and the generator (evaluation mode). Unconditioned rows draw
/// their conditional vector from the training frequencies, as the reference does; a condition
/// <c>column=category</c> on a discrete column sets the conditional vector and the category itself, so the rows
/// meet it by construction (other conditions are then met by rejection).
/// </summary>
public sealed class CtganModel : ChunkedModel
{
    private readonly DataTransformer _transformer;
    private readonly GanLayout _layout;
    private readonly Sequential _generator;
    private readonly ConditionalSampler? _sampler;
    private readonly ImmutableArray<ImmutableArray<string?>> _labels;
    private readonly double[] _lossCurve;

    internal CtganModel(CtganOptions options, DataTransformer transformer, Sequential generator, double[] lossCurve, ulong seed)
    {
        (Options, _transformer, _generator, _lossCurve, FitSeed) = (options, transformer, generator, lossCurve, seed);
        _generator.Training = false;
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

    /// <summary>Mean losses per epoch (generator, critic, penalty), row-major [epoch, loss].</summary>
    public ReadOnlySpan<double> LossCurve => _lossCurve;

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFileException">A block is missing or has the wrong shape.</exception>
    public static CtganModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("ctgan/options", GanJsonContext.Default.CtganOptions);
        var transformer = DataTransformer.Read(reader, "ctgan/transformer");
        var layout = GanLayout.From(transformer);
        var condWidth = layout.Counts.Sum(c => c.Length);
        var generator = GanNetworks.ResidualGenerator(options.EmbeddingDim + condWidth, options.GeneratorDims, layout.Width, new Rng(0));
        ModuleBlocks.Read(reader, "ctgan/generator", generator);
        var curve = reader.ReadDoubles("ctgan/losses");
        return new CtganModel(options, transformer, generator, curve, reader.Seed);
    }

    /// <inheritdoc />
    // Blocks: ctgan/options (JSON); ctgan/transformer/... (the transformer's blocks); ctgan/generator/<tensor>
    // float32 [rows, cols] per generator tensor (ModuleBlocks); ctgan/losses float64 [epochs, 3].
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("ctgan/options", Options, GanJsonContext.Default.CtganOptions);
        _transformer.Write(writer, "ctgan/transformer");
        ModuleBlocks.Write(writer, "ctgan/generator", _generator);
        writer.WriteDoubles("ctgan/losses", _lossCurve, _lossCurve.Length / CtganTrainer.LossNames.Length, CtganTrainer.LossNames.Length);
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
