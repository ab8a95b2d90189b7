using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>
/// The reversible encoding shared by the neural synthesizers (CTGAN's data transformer): each numeric column
/// (continuous, integer not marked discrete, datetime as ticks) becomes a tanh scalar plus a softmax over its modes
/// (mode-specific normalisation by a variational Bayesian Gaussian mixture, <see cref="NumericEncoder"/>); each
/// discrete column (categorical, boolean, integer marked discrete) a softmax over its categories. Missing values
/// are a mode or category of their own. Identifier columns are not modelled: they take no encoded width and come back
/// missing, for <see cref="ChunkedModel"/> to fill. The encoded row is described by <see cref="Spans"/>, so a model's
/// output activations follow from it. Immutable and thread-safe once fitted.
/// </summary>
internal sealed class DataTransformer
{
    private readonly ColumnEncoder?[] _encoders;
    private readonly int[] _offsets;

    private DataTransformer(TableSchema schema, DataTransformerOptions options, ColumnEncoder?[] encoders)
    {
        Schema = schema;
        Options = options;
        _encoders = encoders;
        _offsets = new int[encoders.Length];
        var spans = ImmutableArray.CreateBuilder<OutputSpan>();
        var blocks = ImmutableArray.CreateBuilder<DiscreteBlock>();
        var offset = 0;
        for (var j = 0; j < encoders.Length; j++)
        {
            _offsets[j] = offset;
            if (encoders[j] is not { } encoder)
            {
                continue;
            }

            spans.AddRange(encoder.Spans(offset));
            if (encoder is DiscreteEncoder discrete)
            {
                blocks.Add(new DiscreteBlock(encoder.Schema.Name, offset, encoder.Width, discrete.Counts));
            }

            offset += encoder.Width;
        }

        Width = offset;
        Spans = spans.ToImmutable();
        DiscreteBlocks = blocks.ToImmutable();
    }

    /// <summary>The schema of the tables it encodes and decodes.</summary>
    public TableSchema Schema { get; }

    /// <summary>The options it was fitted with.</summary>
    public DataTransformerOptions Options { get; }

    /// <summary>The encoded row width.</summary>
    public int Width { get; }

    /// <summary>The spans of the encoded row, in order; they tile <c>[0, Width)</c>.</summary>
    public ImmutableArray<OutputSpan> Spans { get; }

    /// <summary>The softmax groups of the discrete columns, in column order.</summary>
    public ImmutableArray<DiscreteBlock> DiscreteBlocks { get; }

    /// <summary>The number of modes kept for the numeric column <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">No such numeric column.</exception>
    public int ModesOf(string column) =>
        _encoders.OfType<NumericEncoder>().FirstOrDefault(e => e.Schema.Name == column)?.Modes
        ?? throw new ArgumentException($"'{column}' is not a numeric column of the transformer", nameof(column));

    /// <summary>The categories of the discrete column <paramref name="column"/> in encoded order (labels, <c>false</c>/<c>true</c>, or integers as text), without the missing category.</summary>
    /// <exception cref="ArgumentException">No such discrete column.</exception>
    public ImmutableArray<string> LabelsOf(string column) =>
        [.. _encoders.OfType<DiscreteEncoder>().FirstOrDefault(e => e.Schema.Name == column)?.State().Labels
            ?? throw new ArgumentException($"'{column}' is not a discrete column of the transformer", nameof(column))];

    /// <summary>
    /// Learns the encoding of <paramref name="table"/>. Columns are fitted in parallel; column <c>c</c> draws only from
    /// <c>rng.Fork(c)</c>, so the result does not depend on <paramref name="maxDegreeOfParallelism"/>.
    /// </summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static DataTransformer Fit(Table table, DataTransformerOptions options, Rng rng, int maxDegreeOfParallelism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        options.Validate();
        var encoders = new ColumnEncoder?[table.ColumnCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };

        // Numeric columns first in the work order: they are the slow ones.
        var order = Enumerable.Range(0, table.ColumnCount).OrderBy(j => IsNumeric(table.Schema.Columns[j]) ? 0 : 1).ToArray();
        Parallel.For(0, order.Length, parallel, k =>
        {
            var j = order[k];
            var schema = table.Schema.Columns[j];
            encoders[j] = schema.Kind == ColumnKind.Identifier ? null
                : IsNumeric(schema) ? NumericEncoder.Fit(table[j], schema, options, rng.Fork(schema.Name))
                : DiscreteEncoder.Fit(table[j], schema);
        });
        return new DataTransformer(table.Schema, options, encoders);
    }

    /// <summary>
    /// Encodes every row of <paramref name="table"/> (same schema as the fit): rows × <see cref="Width"/>, row-major.
    /// The mode of each numeric value is drawn from its responsibilities by <c>rng.Fork(column name)</c>.
    /// </summary>
    /// <exception cref="SchemaException">A column holds a category or a missing value the training rows did not have.</exception>
    public float[] Transform(Table table, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rng);
        CheckSchema(table.Schema);
        var encoded = new float[(long)table.RowCount * Width];
        for (var j = 0; j < _encoders.Length; j++)
        {
            _encoders[j]?.Encode(table[j], encoded, Width, _offsets[j], rng.Fork(table.Schema.Columns[j].Name));
        }

        return encoded;
    }

    /// <summary>
    /// Decodes activated model output (rows × <see cref="Width"/>, row-major): the arg-max slot of each softmax span
    /// picks a category or mode, scalars are clipped to [-1, 1]. Identifier columns come back missing.
    /// </summary>
    /// <exception cref="ArgumentException">The span does not hold rows × Width values.</exception>
    public Table Inverse(ReadOnlySpan<float> encoded, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (encoded.Length != (long)rows * Width)
        {
            throw new ArgumentException($"{encoded.Length} values are not {rows} rows of width {Width}", nameof(encoded));
        }

        var columns = new Column[_encoders.Length];
        for (var j = 0; j < _encoders.Length; j++)
        {
            columns[j] = _encoders[j]?.Decode(encoded, rows, Width, _offsets[j])
                ?? new IdentifierColumn(Schema.Columns[j].Name, new string?[rows]);
        }

        return new Table(Schema, columns);
    }

    // Model-file layout: one JSON block "{name}.json" holding a TransformerState: version 1, the options, and per
    // schema column its role (numeric, discrete, identifier), whether it had missing values, and for numeric columns
    // the training range and the kept modes (weight, mean, variance, E-step constant), for discrete ones the
    // categories in encoded order, their counts and a boolean's spellings. Doubles are written in shortest
    // round-trip form, so a read transformer encodes exactly as the written one.

    /// <summary>Writes the transformer as the block <c>{name}.json</c>.</summary>
    public void Write(ModelWriter writer, string name)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var columns = _encoders.Select((e, j) => e?.State() ?? new ColumnState { Name = Schema.Columns[j].Name, Role = "identifier" }).ToArray();
        writer.WriteJson(name + ".json", new TransformerState(1, Options, columns), TransformerJsonContext.Default.TransformerState);
    }

    /// <summary>Reads a transformer written by <see cref="Write"/> under <paramref name="name"/>, for the schema in the model file.</summary>
    /// <exception cref="ModelFileException">The block is missing, of another version, or disagrees with the schema.</exception>
    public static DataTransformer Read(ModelReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var state = reader.ReadJson(name + ".json", TransformerJsonContext.Default.TransformerState);
        if (state.Version != 1)
        {
            throw reader.Error($"block '{name}.json' has version {state.Version}; this Doppel reads version 1");
        }

        var schema = reader.Schema;
        if (state.Columns.Length != schema.Count)
        {
            throw reader.Error($"block '{name}.json' describes {state.Columns.Length} columns, the schema has {schema.Count}");
        }

        try
        {
            state.Options.Validate();
        }
        catch (InvalidOptionsException e)
        {
            throw new ModelFileException(reader.File, $"block '{name}.json' holds invalid options: {e.Message}", e);
        }

        var encoders = new ColumnEncoder?[schema.Count];
        for (var j = 0; j < schema.Count; j++)
        {
            var c = state.Columns[j];
            var s = schema.Columns[j];
            var expected = s.Kind == ColumnKind.Identifier ? "identifier" : IsNumeric(s) ? "numeric" : "discrete";
            if (c.Name != s.Name || c.Role != expected)
            {
                throw reader.Error($"block '{name}.json' column {j} is '{c.Name}' ({c.Role}), the schema says '{s.Name}' ({expected})");
            }

            var modes = c.Means.Length;
            var consistent = expected switch
            {
                "numeric" => (modes > 0 || c.HasMissing) && c.Variances.Length == modes && c.Atoms.Length == modes && c.LogOffsets.Length == modes && c.Weights.Length == modes
                    && c.Variances.All(v => v > 0 && double.IsFinite(v)) && c.Means.All(double.IsFinite) && c.LogOffsets.All(double.IsFinite),
                "discrete" => c.Counts.Length == c.Labels.Length + (c.HasMissing ? 1 : 0) && c.Labels.Length + (c.HasMissing ? 1 : 0) > 0,
                _ => true,
            };
            if (!consistent)
            {
                throw reader.Error($"block '{name}.json' column '{c.Name}' is inconsistent (modes, categories or counts)");
            }

            encoders[j] = expected switch
            {
                "numeric" => NumericEncoder.FromState(s, state.Options, c),
                "discrete" => DiscreteEncoder.FromState(s, c),
                _ => null,
            };
        }

        return new DataTransformer(schema, state.Options, encoders);
    }

    /// <summary>Whether a column is encoded by mode-specific normalisation (rather than one-hot).</summary>
    private static bool IsNumeric(ColumnSchema column) =>
        column.Kind is ColumnKind.Continuous or ColumnKind.DateTime || (column.Kind == ColumnKind.Integer && !column.IsDiscrete);

    private void CheckSchema(TableSchema schema)
    {
        if (schema.Count != Schema.Count)
        {
            throw new ArgumentException($"the table has {schema.Count} columns, the transformer {Schema.Count}", nameof(schema));
        }

        for (var j = 0; j < schema.Count; j++)
        {
            if (schema.Columns[j].Name != Schema.Columns[j].Name || schema.Columns[j].Kind != Schema.Columns[j].Kind)
            {
                throw new SchemaException(schema.Columns[j].Name, $"column {j} is '{schema.Columns[j].Name}' ({schema.Columns[j].Kind}), the transformer expects '{Schema.Columns[j].Name}' ({Schema.Columns[j].Kind})");
            }
        }
    }
}
