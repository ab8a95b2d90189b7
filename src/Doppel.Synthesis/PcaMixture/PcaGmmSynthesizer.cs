using Doppel.Data;
using Doppel.Synthesis.Balancing;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.PcaMixture;

/// <summary>
/// The <c>pca-gmm</c> synthesizer: standardises the numeric columns, keeps the principal components that explain
/// <see cref="PcaGmmOptions.VarianceShare"/> of their variance, and fits the <c>gmm</c> mixture (Gaussian per
/// component over the component scores, categorical per component over the discrete columns, number of components
/// by BIC) in that space. Samples are mapped back, clamped to each column's training range and rounded for
/// integer and date columns. Missing numeric values are set to the column mean before the projection and their
/// pattern is learned by one two-level discrete column per affected numeric column.
/// </summary>
internal sealed class PcaGmmSynthesizer : ISynthesizer
{
    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public PcaGmmSynthesizer(PcaGmmOptions? options = null)
    {
        Options = options ?? new PcaGmmOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "pca-gmm",
        "Principal components of the numeric columns, then a gmm in that space (for many correlated columns, e.g. images)",
        json => new PcaGmmSynthesizer(ClassicalOptionsJson.Read(json, ClassicalJsonContext.Default.PcaGmmOptions, "pca-gmm options")),
        PcaGmmModel.Read);

    /// <inheritdoc />
    public string Name => "pca-gmm";

    /// <summary>The hyperparameters.</summary>
    public PcaGmmOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new DoppelException("pca-gmm: the table has no rows; a mixture needs at least one row to learn from.");
        }

        var layout = ColumnLayout.Fit(data);
        var encoded = layout.Encode(data);
        var rows = encoded.Rows;
        var indicators = Enumerable.Range(0, layout.NumericCount).Where(a => encoded.Numeric[a].Any(double.IsNaN)).ToArray();
        var filled = encoded.Numeric.Select(c => c.Select(v => double.IsNaN(v) ? 0 : v).ToArray()).ToArray();
        var components = PrincipalComponents.Fit(filled, rows, Options.VarianceShare);
        var scores = components.Project(filled, rows);
        var discrete = encoded.Discrete.Concat(indicators.Select(a => encoded.Numeric[a].Select(v => double.IsNaN(v) ? 1 : 0).ToArray())).ToArray();
        var levels = layout.Levels.Concat(indicators.Select(_ => 2)).ToArray();
        var mixture = new MixtureData(scores, discrete, levels, rows);
        var result = MixtureSelection.Run(mixture, Options.Mixture, new Rng(options.Seed).Fork("pca-gmm"), options.MaxDegreeOfParallelism, progress, cancellationToken);
        var counts = LevelCounts.Of(layout, encoded);
        return new PcaGmmModel(layout, Options, components, indicators, counts, [.. result.Curve], result.Chosen, result.Parameters, options.Seed);
    }
}
