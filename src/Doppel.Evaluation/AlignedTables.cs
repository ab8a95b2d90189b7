using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>
/// The real, synthetic and holdout tables matched column by column (by name, in the real table's order),
/// with kinds checked and categorical dictionaries merged.
/// </summary>
internal sealed class AlignedTables
{
    private AlignedTables(ImmutableArray<AlignedColumn> columns, int[] rowCounts)
    {
        Columns = columns;
        RowCounts = rowCounts;
    }

    /// <summary>Every column of the real table, in its order (skipped ones included).</summary>
    public ImmutableArray<AlignedColumn> Columns { get; }

    /// <summary>Rows per table: real, synthetic and, when given, holdout.</summary>
    public int[] RowCounts { get; }

    public bool HasHoldout => RowCounts.Length > AlignedColumn.Holdout;

    /// <summary>Matches the tables.</summary>
    /// <exception cref="SchemaException">The tables do not have the same columns, or a column's kinds cannot be compared.</exception>
    /// <exception cref="DoppelException">The real or synthetic table has no rows or no columns.</exception>
    public static AlignedTables Create(Table real, Table synthetic, Table? holdout)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        if (real.ColumnCount == 0)
        {
            throw new DoppelException("the real data has no columns; nothing can be evaluated.");
        }

        if (real.RowCount == 0)
        {
            throw new DoppelException("the real data has no rows; nothing can be evaluated.");
        }

        if (synthetic.RowCount == 0)
        {
            throw new DoppelException("the synthetic data has no rows; sample at least one row before evaluating.");
        }

        CheckSameColumns(real, synthetic, "synthetic");
        if (holdout is not null)
        {
            CheckSameColumns(real, holdout, "holdout");
        }

        Table[] tables = holdout is null ? [real, synthetic] : [real, synthetic, holdout];
        var columns = ImmutableArray.CreateBuilder<AlignedColumn>(real.ColumnCount);
        foreach (var column in real.Columns)
        {
            var parts = tables.Select(t => t[column.Name]).ToArray();
            columns.Add(Align(parts, tables.Length == 3 ? ["real", "synthetic", "holdout"] : ["real", "synthetic"]));
        }

        return new AlignedTables(columns.MoveToImmutable(), [.. tables.Select(t => t.RowCount)]);
    }

    private static void CheckSameColumns(Table real, Table other, string what)
    {
        var realNames = real.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var otherNames = other.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = realNames.Where(n => !otherNames.Contains(n)).ToList();
        var extra = otherNames.Where(n => !realNames.Contains(n)).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return;
        }

        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"missing from the {what} data: {string.Join(", ", missing)}");
        }

        if (extra.Count > 0)
        {
            problems.Add($"only in the {what} data: {string.Join(", ", extra)}");
        }

        throw new SchemaException(
            missing.Count > 0 ? missing[0] : extra[0],
            $"the real and {what} data must have the same columns ({string.Join("; ", problems)}).");
    }

    private static FeatureKind FeatureOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime => FeatureKind.Numeric,
        ColumnKind.Categorical or ColumnKind.Boolean => FeatureKind.Discrete,
        _ => FeatureKind.Skipped,
    };

    private static AlignedColumn Align(Column[] parts, string[] names)
    {
        var feature = FeatureOf(parts[0].Kind);
        for (var i = 1; i < parts.Length; i++)
        {
            if (FeatureOf(parts[i].Kind) != feature)
            {
                throw new SchemaException(
                    parts[0].Name,
                    $"the column is {parts[0].Kind} in the real data but {parts[i].Kind} in the {names[i]} data; give both files the same column kinds.");
            }
        }

        return feature switch
        {
            FeatureKind.Numeric => new AlignedColumn(parts[0].Name, parts[0].Kind, feature, [.. parts.Select(Numbers)], null, []),
            FeatureKind.Discrete => AlignDiscrete(parts),
            _ => new AlignedColumn(parts[0].Name, parts[0].Kind, feature, null, null, []),
        };
    }

    private static double[] Numbers(Column column)
    {
        var result = NumericValues.ToArray(column);

        // Datetimes in days since 0001-01-01: a readable scale for summaries; distances are scaled by spread anyway.
        var days = column is DateTimeColumn;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = !double.IsFinite(result[i]) ? double.NaN : days ? result[i] / TimeSpan.TicksPerDay : result[i];
        }

        return result;
    }

    private static AlignedColumn AlignDiscrete(Column[] parts)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = ImmutableArray.CreateBuilder<string>();
        var codes = new int[parts.Length][];
        for (var t = 0; t < parts.Length; t++)
        {
            var column = parts[t];
            var labels = column switch
            {
                CategoricalColumn c => c.Categories.ToArray(),
                BooleanColumn => ["false", "true"],
                _ => throw new ArgumentException($"column '{column.Name}' is not discrete", nameof(parts)),
            };
            var map = new int[labels.Length];
            for (var k = 0; k < labels.Length; k++)
            {
                if (!index.TryGetValue(labels[k], out var code))
                {
                    code = categories.Count;
                    index.Add(labels[k], code);
                    categories.Add(labels[k]);
                }

                map[k] = code;
            }

            var result = new int[column.Length];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = column.IsMissing(i) ? -1 : column switch
                {
                    CategoricalColumn c => map[c.Codes[i]],
                    BooleanColumn b => map[b.Values[i] ? 1 : 0],
                    _ => -1,
                };
            }

            codes[t] = result;
        }

        return new AlignedColumn(parts[0].Name, parts[0].Kind, FeatureKind.Discrete, null, codes, categories.ToImmutable());
    }
}
