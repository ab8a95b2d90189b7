using Doppel.Data;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// The <c>ctgan</c> synthesizer: the conditional tabular GAN of Xu et al. (2019) with the reference
/// implementation's defaults (<see cref="CtganOptions"/>). Rows are encoded by the shared
/// <see cref="DataTransformer"/> (mode-specific normalisation, one-hot groups); the generator is conditioned on
/// one category of one discrete column at a time, trained by sampling, against a PacGAN critic with gradient penalty.
/// </summary>
public sealed class CtganSynthesizer : ISynthesizer
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
        "Conditional tabular GAN (Xu et al., 2019): conditional generator, training-by-sampling, PacGAN critic",
        json => new CtganSynthesizer(OptionsJson.Parse(json, "ctgan", GanJsonContext.Default.CtganOptions)),
        CtganModel.Read);

    /// <inheritdoc />
    public string Name => "ctgan";

    /// <summary>The hyperparameters.</summary>
    public CtganOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new DoppelException("ctgan: the table has no rows to learn from.");
        }

        var root = new Rng(options.Seed);
        var transformer = DataTransformer.Fit(data, new DataTransformerOptions(), root.Fork("ctgan/transformer"), options.MaxDegreeOfParallelism, cancellationToken);
        var layout = GanLayout.From(transformer);
        var encoded = transformer.Transform(data, root.Fork("ctgan/encode"));
        var trainer = new CtganTrainer(Options, layout, encoded, data.RowCount, root, options.MaxDegreeOfParallelism);
        var curve = GanTrainingLoop.Run("ctgan", Options.Epochs, trainer.StepsPerEpoch, CtganTrainer.LossNames, trainer.Step, progress, cancellationToken);
        return new CtganModel(Options, transformer, trainer.Generator, curve, options.Seed);
    }
}
