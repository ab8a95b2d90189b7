using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Balancing;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.PcaMixture;

/// <summary>A fitted <c>pca-gmm</c>: the column encoding, the kept principal components and the mixture over their scores.</summary>
internal sealed class PcaGmmModel : ChunkedModel, ITrainingCounts
{
    private readonly ColumnLayout _layout;
    private readonly PrincipalComponents _components;
    private readonly int[] _indicators;
    private readonly long[][] _levelCounts;
    private readonly MixtureParameters _parameters;
    private readonly MixtureSampler _sampler;

    internal PcaGmmModel(
        ColumnLayout layout,
        PcaGmmOptions options,
        PrincipalComponents components,
        int[] indicators,
        long[][] levelCounts,
        ImmutableArray<SelectionPoint> curve,
        int chosen,
        MixtureParameters parameters,
        ulong seed)
    {
        _layout = layout;
        _components = components;
        _indicators = indicators;
        _levelCounts = levelCounts;
        _parameters = parameters;
        _sampler = new MixtureSampler(parameters);
        Options = options;
        Curve = curve;
        ChosenIndex = chosen;
        FitSeed = seed;
    }

    /// <inheritdoc />
    public override string SynthesizerName => "pca-gmm";

    /// <inheritdoc />
    public override TableSchema Schema => _layout.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The options the model was fitted with.</summary>
    public PcaGmmOptions Options { get; }

    /// <summary>The number of kept principal components.</summary>
    public int PrincipalComponentCount => _components.Count;

    /// <summary>The share of the standardised numeric columns' variance the kept components explain.</summary>
    public double ExplainedShare => _components.ExplainedShare;

    /// <summary>The mixture's criterion curve: one point per (components, covariance type) candidate.</summary>
    public ImmutableArray<SelectionPoint> Curve { get; }

    /// <summary>The index in <see cref="Curve"/> of the kept mixture.</summary>
    public int ChosenIndex { get; }

    /// <summary>The kept mixture.</summary>
    public SelectionPoint Chosen => Curve[ChosenIndex];

    /// <inheritdoc />
    public IReadOnlyList<(string? Label, long Count)> TrainingCounts(string column) => LevelCounts.For(_layout, _levelCounts, column);

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    public static PcaGmmModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("pca-gmm/options", ClassicalJsonContext.Default.PcaGmmOptions);
        var state = reader.ReadJson("pca-gmm/state", ClassicalJsonContext.Default.PcaGmmState);
        var layout = MixtureModelIo.Layout(reader, state.Columns);
        var d = layout.NumericCount;
        var m = state.PrincipalComponents;
        if (state.Chosen < 0 || state.Chosen >= state.Curve.Length || m < 0 || m > d || (d > 0 && m == 0) ||
            state.MissingIndicators.Any(a => a < 0 || a >= d) || state.MissingIndicators.Distinct().Count() != state.MissingIndicators.Length ||
            !LevelCounts.Fit(layout, state.LevelCounts))
        {
            throw reader.Error("the pca-gmm state does not fit its columns (chosen candidate, component count, indicators or level counts)");
        }

        var center = reader.ReadDoubles("pca-gmm/center", d);
        var basis = reader.ReadDoubles("pca-gmm/basis", d, m);
        var variances = reader.ReadDoubles("pca-gmm/variances", m);
        if (center.Concat(basis).Concat(variances).Any(v => !double.IsFinite(v)))
        {
            throw reader.Error("the principal components hold a value that is not a finite number");
        }

        var levels = layout.Levels.Concat(state.MissingIndicators.Select(_ => 2)).ToArray();
        var parameters = MixtureParameters.Read(reader, "pca-gmm/mixture", state.Components, m, levels, state.Covariance);
        var components = new PrincipalComponents(center, basis, variances, state.ExplainedShare);
        return new PcaGmmModel(layout, options, components, state.MissingIndicators, state.LevelCounts, [.. state.Curve], state.Chosen, parameters, reader.Seed);
    }

    /// <inheritdoc />
    // Blocks: pca-gmm/options (JSON options record); pca-gmm/state (JSON: column encodings, criterion curve, chosen
    // index, components, covariance type, kept principal components m, missing-indicator slots, level counts);
    // pca-gmm/center float64 [D]; pca-gmm/basis float64 [D, m] (column j = component j); pca-gmm/variances
    // float64 [m]; pca-gmm/mixture/* (float64 over the m scores and the discrete slots, see MixtureParameters.Write).
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("pca-gmm/options", Options, ClassicalJsonContext.Default.PcaGmmOptions);
        writer.WriteJson("pca-gmm/state", new PcaGmmState(
            [.. _layout.Columns], [.. Curve], ChosenIndex, _parameters.K, _parameters.Type, _components.Count, _components.ExplainedShare, _indicators, _levelCounts),
            ClassicalJsonContext.Default.PcaGmmState);
        writer.WriteDoubles("pca-gmm/center", _components.Center, _components.Columns);
        writer.WriteDoubles("pca-gmm/basis", _components.Basis, _components.Columns, _components.Count);
        writer.WriteDoubles("pca-gmm/variances", _components.Variances, _components.Count);
        _parameters.Write(writer, "pca-gmm/mixture");
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng)
    {
        var (scores, codes) = _sampler.Sample(rows, rng);
        var numeric = _components.Reconstruct(scores, rows);
        for (var t = 0; t < _indicators.Length; t++)
        {
            var column = numeric[_indicators[t]];
            var missing = codes[_layout.DiscreteCount + t];
            for (var i = 0; i < rows; i++)
            {
                if (missing[i] == 1)
                {
                    column[i] = double.NaN;
                }
            }
        }

        return _layout.Decode(rows, numeric, codes);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() => _layout.CategoryLabels();
}
