using Doppel.Data;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// The <c>ctgan</c> synthesizer: the conditional tabular GAN of Xu et al. (2019) with the reference
/// implementation's defaults (<see cref="CtganOptions"/>). Rows are encoded by the shared
/// <see cref="DataTransformer"/> (mode-specific normalisation, one-hot groups); the generator is conditioned on
/// one category of one discrete column at a time, trained by sampling, against a PacGAN critic with gradient penalty.
/// Training can be watched, cancelled, checkpointed and resumed (<see cref="FitOptions.CheckpointPath"/>,
/// <see cref="FitOptions.ResumeFrom"/>).
/// </summary>
internal sealed class CtganSynthesizer : ISynthesizer
{
    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public CtganSynthesizer(CtganOptions? options = null)
    {
        Options = options ?? new CtganOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "ctgan",
        "Conditional tabular GAN (Xu et al., 2019): conditional generator, training-by-sampling, PacGAN critic; trains in epochs",
        json => new CtganSynthesizer(OptionsJson.Parse(json, "ctgan", GanJsonContext.Default.CtganOptions)),
        CtganModel.Read);

    /// <inheritdoc />
    public string Name => "ctgan";

    /// <summary>The hyperparameters.</summary>
    public CtganOptions Options { get; }

    /// <inheritdoc />
    /// <exception cref="TrainingCancelledException">Cancelled; a checkpoint was saved when one was asked for.</exception>
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new DoppelException("ctgan: the table has no rows to learn from.");
        }

        var resumed = options.ResumeFrom is { } path ? Checkpoint.Load<CtganModel>(path, Descriptor) : null;
        if (resumed is not null && (resumed.Resume is null || resumed.History is null || resumed.Critic is null))
        {
            throw new ModelFileException(options.ResumeFrom!, "is a finished model, not a checkpoint; save one with --checkpoint to resume.");
        }

        var seed = resumed?.FitSeed ?? options.Seed;
        var settings = resumed?.Options ?? Options;
        var root = new Rng(seed);
        var parallelism = Math.Max(1, options.MaxDegreeOfParallelism);
        var transformer = resumed?.Transformer ?? DataTransformer.Fit(data, new DataTransformerOptions(), root.Fork("ctgan/transformer"), parallelism, cancellationToken);
        var layout = GanLayout.From(transformer);
        var encoded = transformer.Transform(data, root.Fork("ctgan/encode"));
        var trainer = new CtganTrainer(settings, layout, encoded, data.RowCount, root.Fork("ctgan/init"), parallelism, resumed?.Generator, resumed?.Critic);
        trainer.Generator.Training = true;
        if (resumed is not null)
        {
            Checkpoint.Restore(trainer.Optimizers, resumed.Resume!);
        }

        var checkpoint = options.CheckpointPath is { } target
            ? new CheckpointTarget(target, history => Checkpoint.Save(target,
                new CtganModel(settings, transformer, trainer.Generator, trainer.Critic, history, seed), trainer.Optimizers))
            : null;
        var start = resumed?.History ?? TrainingHistory.Start(trainer.LossNames, data.RowCount);
        var history = TrainingLoop.Run(trainer, CtganTrainer.Plan(settings, data.RowCount), root.Fork("ctgan/train"), start, progress, checkpoint, cancellationToken);
        trainer.Generator.Training = false;
        return new CtganModel(settings, transformer, trainer.Generator, null, history, seed);
    }
}
