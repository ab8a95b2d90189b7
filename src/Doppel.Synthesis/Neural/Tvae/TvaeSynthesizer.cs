using Doppel.Data;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Tvae;

/// <summary>
/// TVAE (Xu et al., 2019): a variational autoencoder over the rows encoded by the <see cref="DataTransformer"/>
/// (mode-specific normalisation, one-hot categories). The encoder maps a row to a Gaussian over a latent code; the
/// decoder maps a code back to tanh scalars with a learned noise level per column and logits per category group.
/// Sampling decodes standard normal codes. Training can be watched, cancelled, checkpointed and resumed
/// (<see cref="FitOptions.CheckpointPath"/>, <see cref="FitOptions.ResumeFrom"/>).
/// </summary>
internal sealed class TvaeSynthesizer : ISynthesizer
{
    /// <summary>The registry name.</summary>
    public const string SynthesizerName = "tvae";

    /// <summary>Creates the synthesizer with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public TvaeSynthesizer(TvaeOptions? options = null)
    {
        Options = options ?? new TvaeOptions();
        Options.Validate();
    }

    /// <summary>The registry entry: name, summary, factory and model reader.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        SynthesizerName,
        "Variational autoencoder over mode-normalised columns (TVAE): strong fidelity and ML efficacy; trains in epochs.",
        overrides => new TvaeSynthesizer(OptionsJson.Parse(overrides, SynthesizerName, TvaeJsonContext.Default.TvaeOptions)),
        TvaeModel.Read);

    /// <summary>The hyperparameters.</summary>
    public TvaeOptions Options { get; }

    /// <inheritdoc />
    public string Name => SynthesizerName;

    /// <inheritdoc />
    /// <exception cref="TrainingCancelledException">Cancelled; a checkpoint was saved when one was asked for.</exception>
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new SchemaException(data.Schema.Count > 0 ? data.Schema.Columns[0].Name : "(none)", "tvae needs at least one training row");
        }

        var resumed = options.ResumeFrom is { } path ? Checkpoint.Load<TvaeModel>(path, Descriptor) : null;
        if (resumed is not null && (resumed.Resume is null || resumed.History is null))
        {
            throw new ModelFileException(options.ResumeFrom!, "is a finished model, not a checkpoint; save one with --checkpoint to resume.");
        }

        var seed = resumed?.FitSeed ?? options.Seed;
        var settings = resumed?.Options ?? Options;
        var root = new Rng(seed);
        var parallelism = Math.Max(1, options.MaxDegreeOfParallelism);
        var transformer = resumed?.Transformer ?? DataTransformer.Fit(data, new DataTransformerOptions(), root.Fork("tvae/transformer"), parallelism, cancellationToken);
        if (transformer.Width == 0)
        {
            throw new SchemaException(data.Schema.Columns[0].Name, "tvae needs a column it can learn; identifier columns are only regenerated");
        }

        var encoded = transformer.Transform(data, root.Fork("tvae/transform"));
        var init = root.Fork("tvae/init");
        var encoder = resumed?.Encoder ?? new TvaeEncoder(transformer.Width, settings.CompressDims, settings.EmbeddingDim, init);
        var decoder = resumed?.Decoder ?? new TvaeDecoder(settings.EmbeddingDim, settings.DecompressDims, transformer.Width, init);
        var trainer = new TvaeTrainer(encoder, decoder, encoded, transformer, settings, parallelism);
        if (resumed is not null)
        {
            Checkpoint.Restore(trainer.Optimizers, resumed.Resume!);
        }

        var checkpoint = options.CheckpointPath is { } target
            ? new CheckpointTarget(target, history => Checkpoint.Save(target, new TvaeModel(settings, transformer, encoder, decoder, history, seed), trainer.Optimizers))
            : null;
        var plan = new TrainingPlan(data.RowCount, settings.BatchSize, settings.Epochs, DropLast: false);
        var start = resumed?.History ?? TrainingHistory.Start(trainer.LossNames, data.RowCount);
        var history = TrainingLoop.Run(trainer, plan, root.Fork("tvae/train"), start, progress, checkpoint, cancellationToken);
        return new TvaeModel(settings, transformer, encoder, decoder, history, seed);
    }
}
