using Doppel.Data;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// The <c>wgan-gp</c> synthesizer: a Wasserstein GAN whose critic is kept 1-Lipschitz by a gradient penalty
/// instead of clipping, trained with Adam (Gulrajani et al., 2017; <see cref="WganGpOptions"/>).
/// </summary>
internal sealed class WganGpSynthesizer : ISynthesizer
{
    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public WganGpSynthesizer(WganGpOptions? options = null)
    {
        Options = options ?? new WganGpOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "wgan-gp",
        "Wasserstein GAN with gradient penalty (Gulrajani et al., 2017): MLP generator and critic, Adam",
        json => new WganGpSynthesizer(OptionsJson.Parse(json, "wgan-gp", GanJsonContext.Default.WganGpOptions)),
        WganModel.ReadWganGp);

    /// <inheritdoc />
    public string Name => "wgan-gp";

    /// <summary>The hyperparameters.</summary>
    public WganGpOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WassersteinFit.Run(Descriptor, WganModel.RecipeOf(Options), data, options, progress, cancellationToken);
}
