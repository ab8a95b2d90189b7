using Doppel.Data;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.Balancing;

/// <summary>Training counts per level of the discrete columns, as the classical models keep them.</summary>
internal static class LevelCounts
{
    /// <summary>Per discrete slot, the rows holding each code (the missing level last when the column has one).</summary>
    public static long[][] Of(ColumnLayout layout, EncodedTable rows) =>
        [.. Enumerable.Range(0, layout.DiscreteCount).Select(j =>
        {
            var counts = new long[layout.Levels[j]];
            foreach (var code in rows.Discrete[j])
            {
                counts[code]++;
            }

            return counts;
        })];

    /// <summary>Whether stored counts fit the layout: one array per discrete slot, one non-negative count per level.</summary>
    public static bool Fit(ColumnLayout layout, long[][] counts) =>
        counts.Length == layout.DiscreteCount && counts.Select((c, j) => c.Length == layout.Levels[j] && c.All(v => v >= 0)).All(ok => ok);

    /// <summary>The counts of <paramref name="column"/> by label (null: missing).</summary>
    /// <exception cref="SchemaException">The column is unknown or not discrete.</exception>
    public static IReadOnlyList<(string? Label, long Count)> For(ColumnLayout layout, long[][] counts, string column)
    {
        var index = layout.Schema.TryIndexOf(column);
        if (index < 0 || layout.Columns[index].Role != ColumnRole.Discrete)
        {
            throw new SchemaException(column, "balancing needs a categorical or boolean column (class counts are kept for those only); declare it with --discrete when fitting.");
        }

        var e = layout.Columns[index];
        return [.. counts[e.Slot].Select((c, l) => (l < e.Labels.Length ? e.Labels[l] : null, c))];
    }
}
