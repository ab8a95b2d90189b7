using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// The marginals of every column of a table, in schema order, with their model-file form. Both the
/// independent and the Gaussian-copula synthesizer are built on it: they differ only in how they draw the
/// uniform points that <see cref="Build"/> turns into a table.
/// </summary>
internal sealed class MarginalSet
{
    /// <summary>The name of the JSON block that lists the marginals.</summary>
    public const string BlockName = "marginals.json";

    public MarginalSet(TableSchema schema, ImmutableArray<ColumnMarginal> columns)
    {
        if (schema.Count != columns.Length)
        {
            throw new ArgumentException($"{columns.Length} marginals for {schema.Count} columns", nameof(columns));
        }

        Schema = schema;
        Columns = columns;
        Modelled = [.. Enumerable.Range(0, columns.Length).Where(i => columns[i].IsModelled)];
    }

    public TableSchema Schema { get; }

    public ImmutableArray<ColumnMarginal> Columns { get; }

    /// <summary>The positions of the learned (non-identifier) columns.</summary>
    public ImmutableArray<int> Modelled { get; }

    /// <summary>Learns every column of <paramref name="data"/>.</summary>
    /// <param name="data">The training table.</param>
    /// <param name="knots">The most quantile knots stored per numeric column.</param>
    /// <param name="parametric">Fit a truncated parametric family to numeric columns instead of the empirical quantile function.</param>
    /// <param name="progress">Receives one report per column.</param>
    /// <param name="cancellationToken">Checked between columns.</param>
    /// <exception cref="SchemaException">A numeric column holds a non-finite value.</exception>
    public static MarginalSet Fit(Table data, int knots, bool parametric, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = new ColumnMarginal[data.ColumnCount];
        for (var j = 0; j < columns.Length; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var column = data[j];
            columns[j] = column.Kind switch
            {
                ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime => NumericMarginal.Fit(column, knots, parametric),
                ColumnKind.Categorical or ColumnKind.Boolean => DiscreteMarginal.Fit(column),
                _ => new IdentifierMarginal(),
            };
            progress?.Report(new TrainingProgress("marginals", j + 1, columns.Length, ImmutableDictionary<string, double>.Empty));
        }

        return new MarginalSet(data.Schema, [.. columns]);
    }

    /// <summary>Turns uniform points, one array per modelled column (in <see cref="Modelled"/> order), into a table of <paramref name="rows"/> rows.</summary>
    public Table Build(int rows, double[][] uniforms)
    {
        var columns = new Column[Columns.Length];
        var next = 0;
        for (var j = 0; j < columns.Length; j++)
        {
            var u = Columns[j].IsModelled ? uniforms[next++] : new double[rows];
            columns[j] = Columns[j].FromUniform(Schema.Columns[j], u.AsSpan(0, rows));
        }

        return new Table(Schema, columns);
    }

    /// <summary>
    /// Turns standard normal points, one array per modelled column (in <see cref="Modelled"/> order), into a table of
    /// <paramref name="rows"/> rows; columns are mapped in parallel (the arrays are overwritten).
    /// </summary>
    public Table BuildFromNormal(int rows, double[][] normals)
    {
        var columns = new Column[Columns.Length];
        Parallel.For(0, Columns.Length, j =>
        {
            var k = Modelled.IndexOf(j);
            columns[j] = k >= 0
                ? Columns[j].FromNormal(Schema.Columns[j], normals[k].AsSpan(0, rows))
                : Columns[j].FromUniform(Schema.Columns[j], new double[rows]);
        });
        return new Table(Schema, columns);
    }

    /// <summary>The labels of each categorical column, by name.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels()
    {
        var labels = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        for (var j = 0; j < Columns.Length; j++)
        {
            if (Columns[j] is DiscreteMarginal { Kind: ColumnKind.Categorical } d)
            {
                labels[Schema.Columns[j].Name] = d.Labels;
            }
        }

        return labels;
    }

    // Model-file layout of a marginal set:
    //   marginals.json   JSON array, one MarginalEntry per schema column, in schema order
    //                    ({"type": "numeric"|"discrete"|"identifier", "missing_count", "observed_count",
    //                      "labels", "counts", "family", "parameters", "order"}).
    //   knots/J          float64 [K] for each numeric column J: the quantile function at probabilities
    //                    0, 1/(K-1), ..., 1 (K = observed rows when that is at most the knot limit).
    public void Write(ModelWriter writer)
    {
        var entries = Columns.Select((c, j) => c.Describe(writer, j)).ToImmutableArray();
        writer.WriteJson(BlockName, entries, MarginalJsonContext.Default.ImmutableArrayMarginalEntry);
    }

    /// <summary>Reads and checks the marginals against the manifest's schema.</summary>
    /// <exception cref="ModelFileException">A marginal is missing, of the wrong type for its column, or inconsistent.</exception>
    public static MarginalSet Read(ModelReader reader)
    {
        var schema = reader.Schema;
        var entries = reader.ReadJson(BlockName, MarginalJsonContext.Default.ImmutableArrayMarginalEntry);
        if (entries.Length != schema.Count)
        {
            throw reader.Error($"{BlockName} describes {entries.Length} columns, the schema has {schema.Count}");
        }

        var columns = new ColumnMarginal[entries.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var kind = schema.Columns[j].Kind;
            var e = entries[j];
            if (e.MissingCount < 0 || e.ObservedCount < 0)
            {
                throw reader.Error($"column '{schema.Columns[j].Name}' has negative counts");
            }

            columns[j] = (kind, e.Type) switch
            {
                (ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime, "numeric") => NumericMarginal.Read(reader, j, kind, e),
                (ColumnKind.Categorical or ColumnKind.Boolean, "discrete") => new DiscreteMarginal(kind, e.Labels, e.Counts, e.MissingCount, e.Order),
                (ColumnKind.Identifier, "identifier") => new IdentifierMarginal(),
                _ => throw reader.Error($"column '{schema.Columns[j].Name}' is {kind} but its marginal is '{e.Type}'"),
            };
        }

        return new MarginalSet(schema, [.. columns]);
    }
}
