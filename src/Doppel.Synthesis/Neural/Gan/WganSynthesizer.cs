using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// The <c>wgan</c> synthesizer: a Wasserstein GAN with weight clipping and RMSprop, the original recipe
/// (Arjovsky et al., 2017; <see cref="WganOptions"/>), over the shared <see cref="DataTransformer"/>'s encoding.
/// </summary>
public sealed class WganSynthesizer : ISynthesizer
{
    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public WganSynthesizer(WganOptions? options = null)
    {
        Options = options ?? new WganOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "wgan",
        "Wasserstein GAN (Arjovsky et al., 2017): MLP generator and critic, weight clipping, RMSprop",
        json => new WganSynthesizer(OptionsJson.Parse(json, "wgan", GanJsonContext.Default.WganOptions)),
        WganModel.ReadWgan);

    /// <inheritdoc />
    public string Name => "wgan";

    /// <summary>The hyperparameters.</summary>
    public WganOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WassersteinFit.Run(Name, WassersteinSetup.From(Options), Options.Epochs, WganModel.Create(Options), data, options, progress, cancellationToken);
}

/// <summary>The fit shared by <c>wgan</c> and <c>wgan-gp</c>.</summary>
internal static class WassersteinFit
{
    public static WganModel Run(string name, WassersteinSetup setup, int epochs, Func<DataTransformer, Sequential, double[], ulong, WganModel> create,
        Table data, FitOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new DoppelException($"{name}: the table has no rows to learn from.");
        }

        var root = new Rng(options.Seed);
        var transformer = DataTransformer.Fit(data, new DataTransformerOptions(), root.Fork(name + "/transformer"), options.MaxDegreeOfParallelism, cancellationToken);
        var encoded = transformer.Transform(data, root.Fork(name + "/encode"));
        var trainer = new WassersteinTrainer(name, setup, GanLayout.From(transformer), encoded, data.RowCount, root, options.MaxDegreeOfParallelism);
        var curve = GanTrainingLoop.Run(name, epochs, trainer.StepsPerEpoch, WassersteinTrainer.LossNames, trainer.Step, progress, cancellationToken);
        return create(transformer, trainer.Generator, curve, options.Seed);
    }
}
