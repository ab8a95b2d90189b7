using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis.Mixtures;

/// <summary>
/// The <c>gmm</c> synthesizer: numeric columns get a Gaussian per component, discrete columns a categorical per
/// component (a latent-class mixture), fitted by EM with k-means++ starts, and the number of components and
/// covariance type chosen by an information criterion. Missing numeric values are marginalised out.
/// </summary>
internal sealed class GmmSynthesizer : ISynthesizer
{
    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public GmmSynthesizer(GmmOptions? options = null)
    {
        Options = options ?? new GmmOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "gmm",
        "Gaussian mixture with categorical components, number of components chosen by BIC",
        json => new GmmSynthesizer(ClassicalOptionsJson.Read(json, ClassicalJsonContext.Default.GmmOptions, "gmm options")),
        GmmModel.Read);

    /// <inheritdoc />
    public string Name => "gmm";

    /// <summary>The hyperparameters.</summary>
    public GmmOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new DoppelException("gmm: the table has no rows; a mixture needs at least one row to learn from.");
        }

        var layout = ColumnLayout.Fit(data);
        var encoded = layout.Encode(data);
        var mixture = MixtureData.From(encoded, layout);
        var result = MixtureSelection.Run(mixture, Options, new Rng(options.Seed).Fork("gmm"), options.MaxDegreeOfParallelism, progress, cancellationToken);
        return new GmmModel(layout, Options, result.Curve, result.Chosen, result.Parameters, options.Seed) { LevelCounts = Balancing.LevelCounts.Of(layout, encoded) };
    }
}

/// <summary>A fitted <c>gmm</c>: the chosen mixture, the criterion curve of the sweep, and the column encoding.</summary>
internal sealed class GmmModel : ChunkedModel, Balancing.ITrainingCounts
{
    private readonly ColumnLayout _layout;
    private readonly MixtureParameters _parameters;
    private readonly MixtureSampler _sampler;

    internal GmmModel(ColumnLayout layout, GmmOptions options, ImmutableArray<SelectionPoint> curve, int chosen, MixtureParameters parameters, ulong seed)
    {
        _layout = layout;
        _parameters = parameters;
        _sampler = new MixtureSampler(parameters);
        Options = options;
        Curve = curve;
        ChosenIndex = chosen;
        FitSeed = seed;
    }

    /// <inheritdoc />
    public override string SynthesizerName => "gmm";

    /// <inheritdoc />
    public override TableSchema Schema => _layout.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The options the model was fitted with.</summary>
    public GmmOptions Options { get; }

    /// <summary>The criterion curve: one point per (components, covariance type) candidate.</summary>
    public ImmutableArray<SelectionPoint> Curve { get; }

    /// <summary>The index in <see cref="Curve"/> of the kept candidate.</summary>
    public int ChosenIndex { get; }

    /// <summary>The kept candidate.</summary>
    public SelectionPoint Chosen => Curve[ChosenIndex];

    /// <summary>Per discrete slot, the training rows of each level (null in files written before the counts were kept).</summary>
    internal long[][]? LevelCounts { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<(string? Label, long Count)> TrainingCounts(string column) => LevelCounts is { } counts
        ? Balancing.LevelCounts.For(_layout, counts, column)
        : throw new InvalidOptionsException("--balance", ["this gmm model file predates the stored class counts; fit it again to balance"]);

    /// <summary>The weights of the components (sum 1).</summary>
    public ImmutableArray<double> Weights => [.. _parameters.Weights];

    /// <summary>The log-density of each row of <paramref name="table"/> under the model (numeric columns in standardised units).</summary>
    public double[] LogDensity(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return MixtureEm.LogDensity(MixtureData.From(_layout.Encode(table), _layout), _parameters);
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    public static GmmModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("gmm/options", ClassicalJsonContext.Default.GmmOptions);
        var state = reader.ReadJson("gmm/state", ClassicalJsonContext.Default.MixtureState);
        var layout = MixtureModelIo.Layout(reader, state);
        if (state.Chosen < 0 || state.Chosen >= state.Curve.Length)
        {
            throw reader.Error("the chosen candidate is outside the stored curve");
        }

        var parameters = MixtureParameters.Read(reader, "gmm/mixture", state.Components, layout.NumericCount, layout.Levels, state.Covariance);
        var counts = reader.Has("gmm/level-counts") ? reader.ReadJson("gmm/level-counts", ClassicalJsonContext.Default.Int64ArrayArray) : null;
        if (counts is not null && !Balancing.LevelCounts.Fit(layout, counts))
        {
            throw reader.Error("the stored class counts do not fit the discrete columns");
        }

        return new GmmModel(layout, options, [.. state.Curve], state.Chosen, parameters, reader.Seed) { LevelCounts = counts };
    }

    /// <inheritdoc />
    // Blocks: gmm/options (JSON options record); gmm/state (JSON: column encodings, criterion curve, chosen index,
    // components, covariance type); gmm/mixture/* (float64, see MixtureParameters.Write); gmm/level-counts (JSON:
    // per discrete slot, training rows per level).
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("gmm/options", Options, ClassicalJsonContext.Default.GmmOptions);
        writer.WriteJson("gmm/state", new MixtureState([.. _layout.Columns], [.. Curve], ChosenIndex, _parameters.K, _parameters.Type), ClassicalJsonContext.Default.MixtureState);
        _parameters.Write(writer, "gmm/mixture");
        if (LevelCounts is not null)
        {
            writer.WriteJson("gmm/level-counts", LevelCounts, ClassicalJsonContext.Default.Int64ArrayArray);
        }
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng)
    {
        var (numeric, discrete) = _sampler.Sample(rows, rng);
        return _layout.Decode(rows, numeric, discrete);
    }

    /// <summary>Exact: components weighed by their probability given the conditions (see <see cref="GmmConditioning"/>).</summary>
    /// <exception cref="DoppelException">A condition asks for values the model never makes.</exception>
    protected override Table SampleConditionedChunk(int rows, ConditionSet conditions, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(rng);
        return GmmConditioning.For(_layout, _parameters, conditions).Sample(rows, rng);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() => _layout.CategoryLabels();
}
