using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// Learns each column on its own: numeric, integer and date-time columns through the empirical quantile
/// function with linear interpolation between order statistics (so values fall between observed ones and within
/// the observed range), categorical and boolean columns by frequency, and every column's missing rate.
/// Identifier columns are regenerated. It keeps every marginal and, by design, no relation between columns:
/// the baseline the other synthesizers are measured against.
/// </summary>
internal sealed class IndependentSynthesizer : ISynthesizer
{
    /// <summary>The registry name.</summary>
    public const string SynthesizerName = "independent";

    /// <summary>Creates the synthesizer with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public IndependentSynthesizer(IndependentOptions? options = null)
    {
        Options = options ?? new IndependentOptions();
        Options.Validate();
    }

    /// <summary>The registry entry: name, summary, factory and model reader.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        SynthesizerName,
        "Each column on its own (empirical quantiles, category frequencies, missing rates): a fast baseline that keeps no relation between columns.",
        overrides => new IndependentSynthesizer(OptionsJson.Parse(overrides, SynthesizerName, IndependentJsonContext.Default.IndependentOptions)),
        IndependentModel.Read);

    /// <summary>The hyperparameters.</summary>
    public IndependentOptions Options { get; }

    /// <inheritdoc />
    public string Name => SynthesizerName;

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var marginals = MarginalSet.Fit(data, Options.Knots, parametric: false, progress, cancellationToken);
        return new IndependentModel(Options, marginals, options.Seed);
    }
}
