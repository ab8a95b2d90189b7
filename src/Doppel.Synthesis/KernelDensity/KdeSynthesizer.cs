using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.KernelDensity;

/// <summary>
/// The <c>kde</c> synthesizer: a kernel density estimate over the training rows. Sampling picks a training row
/// and perturbs it: numeric values by Gaussian noise of the bandwidth (in standardised units), discrete values
/// replaced by another level with probability λ (the Aitchison-Aitken kernel). Kernels sit on real rows, so
/// check the distance to the closest record before sharing its output.
/// </summary>
internal sealed class KdeSynthesizer : ISynthesizer
{
    private static readonly double[] LambdaGrid = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3];

    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public KdeSynthesizer(KdeOptions? options = null)
    {
        Options = options ?? new KdeOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "kde",
        "Kernel density estimate: perturbed training rows, bandwidth by cross-validation",
        json => new KdeSynthesizer(ClassicalOptionsJson.Read(json, ClassicalJsonContext.Default.KdeOptions, "kde options")),
        KdeModel.Read);

    /// <inheritdoc />
    public string Name => "kde";

    /// <summary>The hyperparameters.</summary>
    public KdeOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new DoppelException("kde: the table has no rows; a kernel density needs rows to sit on.");
        }

        var layout = ColumnLayout.Fit(data);
        var encoded = layout.Encode(data);
        var n = data.RowCount;
        var d = layout.NumericCount;
        var scott = Math.Pow(n, -1.0 / (d + 4));
        var silverman = Math.Pow(n * (d + 2) / 4.0, -1.0 / (d + 4));
        var h = Options.Bandwidth == BandwidthMethod.Silverman ? silverman : scott;
        var lambda = Options.DiscreteBandwidth ?? 0.1;
        if (n > 1 && (Options.Bandwidth == BandwidthMethod.CrossValidated || Options.DiscreteBandwidth is null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cv = new KdeCrossValidation(encoded, layout.Levels, Math.Min(Options.ValidationRows, n), new Rng(options.Seed).Fork("kde/cv"), options.MaxDegreeOfParallelism);
            if (Options.Bandwidth == BandwidthMethod.CrossValidated && d > 0)
            {
                var grid = Enumerable.Range(0, Options.GridSize).Select(i => scott * 0.05 * Math.Pow(30, i / (Options.GridSize - 1.0)));
                h = grid.MaxBy(candidate => cv.LogLikelihood(candidate, lambda));
            }

            if (Options.DiscreteBandwidth is null && layout.DiscreteCount > 0)
            {
                lambda = LambdaGrid.MaxBy(candidate => cv.LogLikelihood(h, candidate));
            }
        }

        if (n == 1)
        {
            // One row gives no spread to estimate: the density is that row.
            h = 0;
            lambda = 0;
        }

        progress?.Report(new TrainingProgress("bandwidth", 1, 1, new Dictionary<string, double> { ["bandwidth"] = h, ["discrete_bandwidth"] = lambda }));
        return new KdeModel(layout, Options, encoded, h, lambda, options.Seed);
    }
}

/// <summary>A fitted <c>kde</c>: the encoded training rows and the two bandwidths.</summary>
internal sealed class KdeModel : ChunkedModel, Balancing.ITrainingCounts
{
    private readonly ColumnLayout _layout;
    private readonly EncodedTable _rows;

    internal KdeModel(ColumnLayout layout, KdeOptions options, EncodedTable rows, double bandwidth, double discreteBandwidth, ulong seed)
    {
        _layout = layout;
        _rows = rows;
        Options = options;
        Bandwidth = bandwidth;
        DiscreteBandwidth = discreteBandwidth;
        FitSeed = seed;
    }

    /// <inheritdoc />
    public IReadOnlyList<(string? Label, long Count)> TrainingCounts(string column) =>
        Balancing.LevelCounts.For(_layout, Balancing.LevelCounts.Of(_layout, _rows), column);

    /// <inheritdoc />
    public override string SynthesizerName => "kde";

    /// <inheritdoc />
    public override TableSchema Schema => _layout.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The options of the fit.</summary>
    public KdeOptions Options { get; }

    /// <summary>The Gaussian kernel's standard deviation, in standardised units (0 for a one-row table).</summary>
    public double Bandwidth { get; }

    /// <summary>The Aitchison-Aitken share λ.</summary>
    public double DiscreteBandwidth { get; }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    public static KdeModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("kde/options", ClassicalJsonContext.Default.KdeOptions);
        var state = reader.ReadJson("kde/state", ClassicalJsonContext.Default.RowsState);
        var layout = MixtureModelIo.Layout(reader, state.Columns);
        var rows = RowsState.ReadRows(reader, "kde", layout, state.Rows);
        if (!(state.Bandwidth >= 0) || !(state.DiscreteBandwidth is >= 0 and <= 0.5))
        {
            throw reader.Error("the bandwidths are out of range");
        }

        return new KdeModel(layout, options, rows, state.Bandwidth, state.DiscreteBandwidth, reader.Seed);
    }

    /// <inheritdoc />
    // Blocks: kde/options (JSON); kde/state (JSON: column encodings, rows, bandwidths); kde/numeric float64 [D, rows]
    // (standardised, NaN = missing); kde/discrete int32 [M, rows] (codes).
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("kde/options", Options, ClassicalJsonContext.Default.KdeOptions);
        writer.WriteJson("kde/state", new RowsState([.. _layout.Columns], _rows.Rows, Bandwidth, DiscreteBandwidth, 0), ClassicalJsonContext.Default.RowsState);
        RowsState.WriteRows(writer, "kde", _rows);
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng)
    {
        var numeric = new double[_layout.NumericCount][];
        for (var a = 0; a < numeric.Length; a++)
        {
            numeric[a] = new double[rows];
        }

        var discrete = new int[_layout.DiscreteCount][];
        for (var j = 0; j < discrete.Length; j++)
        {
            discrete[j] = new int[rows];
        }

        var levels = _layout.Levels;
        for (var i = 0; i < rows; i++)
        {
            var source = rng.Next(_rows.Rows);
            for (var a = 0; a < numeric.Length; a++)
            {
                numeric[a][i] = _rows.Numeric[a][source] + (Bandwidth * rng.NextGaussian());
            }

            for (var j = 0; j < discrete.Length; j++)
            {
                var code = _rows.Discrete[j][source];
                if (levels[j] > 1 && rng.NextDouble() < DiscreteBandwidth)
                {
                    // Uniform over the other levels (Aitchison-Aitken).
                    var other = rng.Next(levels[j] - 1);
                    code = other >= code ? other + 1 : other;
                }

                discrete[j][i] = code;
            }
        }

        return _layout.Decode(rows, numeric, discrete);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() => _layout.CategoryLabels();
}
