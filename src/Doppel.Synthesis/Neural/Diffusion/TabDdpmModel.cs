using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// A fitted TabDDPM: the encoding, the noise schedule and the denoiser holding the moving-average weights. Rows are
/// made by the reverse process (<see cref="TabDdpmModel"/>.Sampling), chunk by chunk through <see cref="ChunkedModel"/>.
/// Immutable after construction; sampling takes its workers (a tape and buffers each) from a thread-safe pool, so
/// several threads may sample at once.
/// </summary>
internal sealed partial class TabDdpmModel : ChunkedModel, ILossCurveSource
{
    private const string OptionsBlock = "tabddpm/options.json";
    private const string LayoutBlock = "tabddpm/layout.json";
    private const string DenoiserPrefix = "tabddpm/denoiser";
    private const string LossBlock = "tabddpm/loss";
    private const string TrainingBlock = "tabddpm/training.json";
    private const string RawPrefix = "tabddpm/training/raw";

    private readonly TabularCodec _codec;
    private readonly NoiseSchedule _schedule;
    private readonly Denoiser? _denoiser;
    private readonly float[] _lossCurve;

    internal TabDdpmModel(TabDdpmOptions options, TabularCodec codec, Denoiser? denoiser, float[] lossCurve, ulong fitSeed, TrainingState? training = null)
    {
        Training = training;
        Options = options;
        _codec = codec;
        _schedule = new NoiseSchedule(options.Schedule, options.DiffusionSteps);
        _denoiser = denoiser;
        if (_denoiser is not null)
        {
            _denoiser.Training = false;
        }

        _lossCurve = lossCurve;
        FitSeed = fitSeed;
        ClassLabels = codec.ClassLabels();
    }

    /// <summary>The hyperparameters the model was trained with.</summary>
    public TabDdpmOptions Options { get; }

    /// <inheritdoc />
    public override string SynthesizerName => TabDdpmSynthesizer.SynthesizerName;

    /// <inheritdoc />
    public override TableSchema Schema => _codec.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The training curve: one (step, Gaussian loss, multinomial loss) triple per logged interval, flattened.</summary>
    public IReadOnlyList<float> LossCurve => _lossCurve;

    /// <inheritdoc />
    public ImmutableDictionary<string, ImmutableArray<double>> LossCurves => new Dictionary<string, ImmutableArray<double>>
    {
        ["gaussian"] = [.. Enumerable.Range(0, _lossCurve.Length / 3).Select(i => (double)_lossCurve[(3 * i) + 1])],
        ["multinomial"] = [.. Enumerable.Range(0, _lossCurve.Length / 3).Select(i => (double)_lossCurve[(3 * i) + 2])],
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The state of an unfinished fit when this model is a checkpoint, else null.</summary>
    internal TrainingState? Training { get; }

    internal TabularCodec Codec => _codec;

    internal Denoiser? Denoiser => _denoiser;

    private ImmutableArray<string?> ClassLabels { get; }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() => _codec.Marginals.CategoryLabels();

    // Model-file layout (besides the manifest and the marginals of MarginalSet: marginals.json, knots/J):
    //   tabddpm/options.json     the TabDdpmOptions record
    //   tabddpm/layout.json      DiffusionLayout: per schema column its role, levels and (target) class counts
    //   tabddpm/denoiser/NAME    float32 [rows, cols] per denoiser tensor (moving-average weights), see ModuleBlocks
    //   tabddpm/loss             float32 [n, 3]: step, Gaussian loss, multinomial loss, each averaged over its interval
    // A checkpoint adds (besides the optimiser blocks of Checkpoint):
    //   tabddpm/training.json    TrainingStateJson: completed steps, training rows, loss sums of the open interval
    //   tabddpm/training/raw/NAME float32 per denoiser tensor: the trained (not averaged) weights
    /// <inheritdoc />
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson(OptionsBlock, Options, TabDdpmJsonContext.Default.TabDdpmOptions);
        writer.WriteJson(LayoutBlock, _codec.Layout, TabDdpmJsonContext.Default.DiffusionLayout);
        _codec.Marginals.Write(writer);
        if (_denoiser is not null)
        {
            ModuleBlocks.Write(writer, DenoiserPrefix, _denoiser);
        }

        writer.WriteFloats(LossBlock, _lossCurve, _lossCurve.Length / 3, 3);
        if (Training is { } state)
        {
            writer.WriteJson(TrainingBlock, new TrainingStateJson(state.CompletedSteps, state.Rows, state.PartialGaussian, state.PartialMultinomial, state.PartialCount),
                TabDdpmJsonContext.Default.TrainingStateJson);
            if (state.Raw is not null)
            {
                ModuleBlocks.Write(writer, RawPrefix, state.Raw);
            }
        }
    }

    /// <summary>Rebuilds a model from a verified model file.</summary>
    /// <exception cref="ModelFileException">A block is missing, malformed or inconsistent with the schema.</exception>
    public static TabDdpmModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson(OptionsBlock, TabDdpmJsonContext.Default.TabDdpmOptions);
        try
        {
            options.Validate();
        }
        catch (InvalidOptionsException e)
        {
            throw new ModelFileException(reader.File, $"{OptionsBlock} holds invalid options: {e.Message}", e);
        }

        var layout = reader.ReadJson(LayoutBlock, TabDdpmJsonContext.Default.DiffusionLayout);
        var marginals = MarginalSet.Read(reader);
        CheckLayout(reader, layout, marginals);
        var codec = new TabularCodec(reader.Schema, marginals, layout);
        var denoiser = CreateDenoiser(codec, options, new Rng(0));
        if (denoiser is not null)
        {
            ModuleBlocks.Read(reader, DenoiserPrefix, denoiser);
        }

        var loss = reader.ReadFloats(LossBlock);
        if (loss.Length % 3 != 0)
        {
            throw reader.Error($"block '{LossBlock}' holds {loss.Length} values, not triples");
        }

        return new TabDdpmModel(options, codec, denoiser, loss, reader.Seed, ReadTraining(reader, codec, options));
    }

    private static TrainingState? ReadTraining(ModelReader reader, TabularCodec codec, TabDdpmOptions options)
    {
        if (!reader.Has(TrainingBlock))
        {
            return null;
        }

        var json = reader.ReadJson(TrainingBlock, TabDdpmJsonContext.Default.TrainingStateJson);
        if (json.CompletedSteps < 0 || json.CompletedSteps > options.Steps || json.Rows < 1 || json.PartialCount < 0)
        {
            throw reader.Error($"{TrainingBlock} holds an impossible training state");
        }

        var raw = CreateDenoiser(codec, options, new Rng(0));
        if (raw is not null)
        {
            ModuleBlocks.Read(reader, RawPrefix, raw);
        }

        return new TrainingState(json.CompletedSteps, json.Rows, json.PartialGaussian, json.PartialMultinomial, json.PartialCount, raw, Checkpoint.ReadOptimizers(reader));
    }

    /// <summary>The denoiser for <paramref name="codec"/>'s layout, or null when nothing is diffused (every column constant).</summary>
    internal static Denoiser? CreateDenoiser(TabularCodec codec, TabDdpmOptions options, Rng rng)
    {
        var width = codec.NumericCount + codec.Sizes.Sum();
        return width == 0 ? null : new Denoiser(width, options.Layers, options.EmbeddingDim, (float)options.Dropout, codec.ClassCount, rng);
    }

    private static void CheckLayout(ModelReader reader, DiffusionLayout layout, MarginalSet marginals)
    {
        var schema = reader.Schema;
        if (layout.Columns.IsDefault || layout.Columns.Length != schema.Count)
        {
            throw reader.Error($"{LayoutBlock} does not describe the {schema.Count} columns of the schema");
        }

        for (var j = 0; j < schema.Count; j++)
        {
            var c = layout.Columns[j];
            var kind = schema.Columns[j].Kind;
            var fits = c.Column == j && !c.Levels.IsDefault && !c.Counts.IsDefault && c.Levels.Distinct().Count() == c.Levels.Length && (c.Type, kind) switch
            {
                (DiffusionLayout.Identifier, ColumnKind.Identifier) => true,
                (DiffusionLayout.Numeric, ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime) =>
                    c.Levels.All(l => l is 0 or DiffusionLayout.MissingLevel),
                (DiffusionLayout.Discrete or DiffusionLayout.Target, ColumnKind.Categorical or ColumnKind.Boolean or ColumnKind.Integer) => true,
                _ => false,
            };
            var known = marginals.Columns[j] is DiscreteMarginal d ? d.Labels.Length : int.MaxValue;
            fits &= kind is not (ColumnKind.Categorical or ColumnKind.Boolean)
                || c.Levels.All(l => l == DiffusionLayout.MissingLevel || (l >= 0 && l < known));
            fits &= c.Type != DiffusionLayout.Target || (c.Counts.Length == c.Levels.Length && c.Levels.Length > 0 && c.Counts.All(n => n > 0));
            if (!fits)
            {
                throw reader.Error($"{LayoutBlock} entry {j} does not fit column '{schema.Columns[j].Name}' ({kind})");
            }
        }
    }
}
