using Doppel.Data;

namespace Doppel.Synthesis.Mixtures;

/// <summary>Checks shared by the classical model readers.</summary>
internal static class MixtureModelIo
{
    /// <summary>Rebuilds the column layout from stored encodings, checking them against the manifest's schema.</summary>
    public static ColumnLayout Layout(ModelReader reader, MixtureState state) => Layout(reader, state.Columns);

    /// <summary>Rebuilds the column layout from stored encodings, checking them against the manifest's schema.</summary>
    public static ColumnLayout Layout(ModelReader reader, ColumnEncoding[] columns)
    {
        var schema = reader.Schema;
        if (columns.Length != schema.Count)
        {
            throw reader.Error($"the model describes {columns.Length} columns, the schema {schema.Count}");
        }

        for (var i = 0; i < columns.Length; i++)
        {
            var e = columns[i];
            var kind = schema.Columns[i].Kind;
            var expected = kind switch
            {
                ColumnKind.Categorical or ColumnKind.Boolean => ColumnRole.Discrete,
                ColumnKind.Identifier => ColumnRole.Identifier,
                _ => ColumnRole.Numeric,
            };
            if (e.Name != schema.Columns[i].Name || e.Role != expected || e.Labels is null || (kind == ColumnKind.Boolean && e.Labels.Length != 2))
            {
                throw reader.Error($"column {i} ('{e.Name}') does not match the schema's '{schema.Columns[i].Name}' ({kind})");
            }
        }

        var layout = new ColumnLayout(schema, [.. columns]);
        if (!layout.NumericColumns.Select(c => c.Slot).SequenceEqual(Enumerable.Range(0, layout.NumericCount)) ||
            !layout.DiscreteColumns.Select(c => c.Slot).SequenceEqual(Enumerable.Range(0, layout.DiscreteCount)))
        {
            throw reader.Error("the column slots are not numbered 0, 1, 2, ...");
        }

        return layout;
    }
}
