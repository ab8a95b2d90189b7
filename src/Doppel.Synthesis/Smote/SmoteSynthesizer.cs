using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.KernelDensity;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.Smote;

/// <summary>
/// The <c>smote</c> synthesizer (Chawla et al. 2002, with SMOTE-NC's handling of discrete columns): each new row
/// takes a real row and one of its k nearest neighbours (within the same class of <see cref="SmoteOptions.Target"/>
/// when given), interpolates the numeric columns at a uniform point between them and takes each discrete value
/// from either parent. It copies real rows closely: report the distance to the closest record beside its output.
/// </summary>
internal sealed class SmoteSynthesizer : ISynthesizer
{
    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public SmoteSynthesizer(SmoteOptions? options = null)
    {
        Options = options ?? new SmoteOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "smote",
        "SMOTE: interpolation between real rows and their nearest neighbours",
        json => new SmoteSynthesizer(ClassicalOptionsJson.Read(json, ClassicalJsonContext.Default.SmoteOptions, "smote options")),
        SmoteModel.Read);

    /// <inheritdoc />
    public string Name => "smote";

    /// <summary>The hyperparameters.</summary>
    public SmoteOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        FitModel(data, options, cancellationToken);

    /// <summary>Fits and returns the concrete model (for <see cref="SmoteBalancer"/>).</summary>
    internal SmoteModel FitModel(Table data, FitOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.RowCount == 0)
        {
            throw new DoppelException("smote: the table has no rows; SMOTE interpolates between real rows.");
        }

        var layout = ColumnLayout.Fit(data);
        var encoded = layout.Encode(data);
        var classes = ClassesOf(data, layout, encoded);
        var neighbours = Neighbours(encoded, classes, Options.Neighbours, options.MaxDegreeOfParallelism, cancellationToken);
        return new SmoteModel(layout, Options, encoded, neighbours, options.Seed);
    }

    /// <summary>The <paramref name="k"/> nearest neighbours of every row within its class, k per row (row-major).</summary>
    internal static int[] Neighbours(EncodedTable encoded, int[][] classes, int k, int threads, CancellationToken cancellationToken)
    {
        var neighbours = new int[encoded.Rows * k];
        foreach (var members in classes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kk = Math.Min(k, members.Length - 1);
            var found = Search(encoded, members, kk, threads);
            for (var t = 0; t < members.Length; t++)
            {
                for (var j = 0; j < k; j++)
                {
                    // Classes with fewer than k + 1 rows repeat their neighbours; a one-row class pairs the row with itself.
                    neighbours[(members[t] * k) + j] = kk == 0 ? members[t] : members[found[(t * kk) + (j % kk)]];
                }
            }
        }

        return neighbours;
    }

    private int[][] ClassesOf(Table data, ColumnLayout layout, EncodedTable encoded)
    {
        if (Options.Target is null)
        {
            return [Enumerable.Range(0, data.RowCount).ToArray()];
        }

        var index = data.Schema.IndexOf(Options.Target);
        var encoding = layout.Columns[index];
        if (encoding.Role != ColumnRole.Discrete)
        {
            throw new SchemaException(Options.Target, "the SMOTE target must be a categorical or boolean column.");
        }

        var codes = encoded.Discrete[encoding.Slot];
        return [.. Enumerable.Range(0, data.RowCount).GroupBy(i => codes[i]).OrderBy(g => g.Key).Select(g => g.ToArray())];
    }

    private static int[] Search(EncodedTable encoded, int[] members, int k, int threads)
    {
        if (k == 0)
        {
            return [];
        }

        var padded = NearestNeighbours.Padded(members.Length);
        var numeric = encoded.Numeric.Select(column =>
        {
            var values = new float[padded];
            for (var t = 0; t < members.Length; t++)
            {
                var v = column[members[t]];
                values[t] = double.IsNaN(v) ? 0 : (float)v;
            }

            return values;
        }).ToArray();
        var codes = encoded.Discrete.Select(column =>
        {
            var values = new float[padded];
            for (var t = 0; t < members.Length; t++)
            {
                values[t] = column[members[t]];
            }

            return values;
        }).ToArray();
        return NearestNeighbours.Search(numeric, codes, members.Length, k, threads);
    }
}

/// <summary>A fitted <c>smote</c>: the encoded training rows and each row's nearest neighbours.</summary>
internal sealed class SmoteModel : ChunkedModel, Balancing.ITrainingCounts
{
    private readonly ColumnLayout _layout;
    private readonly EncodedTable _rows;
    private readonly int[] _neighbours;

    internal SmoteModel(ColumnLayout layout, SmoteOptions options, EncodedTable rows, int[] neighbours, ulong seed)
    {
        _layout = layout;
        _rows = rows;
        _neighbours = neighbours;
        Options = options;
        FitSeed = seed;
    }

    /// <inheritdoc />
    public override string SynthesizerName => "smote";

    /// <inheritdoc />
    public override TableSchema Schema => _layout.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    /// <summary>The options of the fit.</summary>
    public SmoteOptions Options { get; }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    public static SmoteModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("smote/options", ClassicalJsonContext.Default.SmoteOptions);
        var state = reader.ReadJson("smote/state", ClassicalJsonContext.Default.RowsState);
        var layout = MixtureModelIo.Layout(reader, state.Columns);
        var rows = RowsState.ReadRows(reader, "smote", layout, state.Rows);
        var neighbours = reader.ReadInts("smote/neighbours", state.Rows, options.Neighbours);
        if (neighbours.Any(i => i < 0 || i >= state.Rows))
        {
            throw reader.Error("a neighbour index is outside the stored rows");
        }

        return new SmoteModel(layout, options, rows, neighbours, reader.Seed);
    }

    /// <inheritdoc />
    // Blocks: smote/options (JSON); smote/state (JSON: column encodings, rows); smote/numeric float64 [D, rows];
    // smote/discrete int32 [M, rows]; smote/neighbours int32 [rows, k].
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("smote/options", Options, ClassicalJsonContext.Default.SmoteOptions);
        writer.WriteJson("smote/state", new RowsState([.. _layout.Columns], _rows.Rows, 0, 0, Options.Neighbours), ClassicalJsonContext.Default.RowsState);
        RowsState.WriteRows(writer, "smote", _rows);
        writer.WriteInts("smote/neighbours", _neighbours, _rows.Rows, Options.Neighbours);
    }

    /// <summary>Rows interpolated from parents drawn uniformly from <paramref name="pool"/> (all rows when null).</summary>
    internal Table Interpolate(int rows, Rng rng, int[]? pool)
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

        var k = Options.Neighbours;
        for (var i = 0; i < rows; i++)
        {
            var row = pool is null ? rng.Next(_rows.Rows) : pool[rng.Next(pool.Length)];
            var neighbour = _neighbours[(row * k) + rng.Next(k)];
            var u = rng.NextDouble();
            for (var a = 0; a < numeric.Length; a++)
            {
                var x = _rows.Numeric[a][row];
                var y = _rows.Numeric[a][neighbour];
                numeric[a][i] = double.IsNaN(y) ? x : x + (u * (y - x));
            }

            for (var j = 0; j < discrete.Length; j++)
            {
                discrete[j][i] = rng.NextDouble() < 0.5 ? _rows.Discrete[j][row] : _rows.Discrete[j][neighbour];
            }
        }

        return _layout.Decode(rows, numeric, discrete);
    }

    /// <summary>
    /// This model with every row's neighbours searched again within its class of <paramref name="column"/>
    /// (itself when the model was fitted with that column as its target).
    /// </summary>
    internal SmoteModel WithNeighboursWithin(string column, int threads, CancellationToken cancellationToken)
    {
        if (Options.Target == column)
        {
            return this;
        }

        var classes = Classes(column).Select(c => c.Rows).ToArray();
        var neighbours = SmoteSynthesizer.Neighbours(_rows, classes, Options.Neighbours, threads, cancellationToken);
        return new SmoteModel(_layout, Options with { Target = column }, _rows, neighbours, FitSeed);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string? Label, long Count)> TrainingCounts(string column) => [.. Classes(column).Select(c => (c.Label, (long)c.Rows.Length))];

    /// <summary>The rows of each class of <paramref name="column"/>, by label.</summary>
    internal IReadOnlyList<(string? Label, int[] Rows)> Classes(string column)
    {
        var index = Schema.TryIndexOf(column);
        var encoding = index < 0 ? null : _layout.Columns[index];
        if (encoding is null || encoding.Role != ColumnRole.Discrete)
        {
            throw new SchemaException(column, "balancing needs a categorical or boolean column; declare it with --discrete when fitting.");
        }

        var codes = _rows.Discrete[encoding.Slot];
        return [.. Enumerable.Range(0, _rows.Rows).GroupBy(i => codes[i]).OrderBy(g => g.Key)
            .Select(g => (g.Key < encoding.Labels.Length ? encoding.Labels[g.Key] : null, g.ToArray()))];
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng) => Interpolate(rows, rng, null);

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() => _layout.CategoryLabels();
}
