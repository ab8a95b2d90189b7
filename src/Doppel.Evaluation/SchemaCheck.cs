using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>
/// Whether a synthetic (or holdout) table can be compared with the real one: the same column names (order aside),
/// and kinds that read the same way. Numeric kinds (continuous, integer) are interchangeable, as are the discrete
/// ones (categorical, boolean); a real identifier column is never compared. A numeric or date column that became text,
/// a text column that became numbers, or a date column that became numbers is a changed type.
/// </summary>
internal static class SchemaCheck
{
    /// <summary>
    /// Every difference between <paramref name="real"/> and <paramref name="other"/>, grouped: the columns missing
    /// from the other table, those only in it (each with its kind), and each column whose type changed.
    /// </summary>
    /// <param name="real">The real table's schema.</param>
    /// <param name="other">The other table's schema (as inferred from its own values).</param>
    /// <param name="what">What the other table is, for the messages: "synthetic" or "holdout".</param>
    public static IReadOnlyList<string> Differences(TableSchema real, TableSchema other, string what)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(other);
        var missing = real.Columns.Where(c => other.TryIndexOf(c.Name) < 0).Select(c => $"{c.Name} ({Describe(c.Kind)})").ToList();
        var extra = other.Columns.Where(c => real.TryIndexOf(c.Name) < 0).Select(c => $"{c.Name} ({Describe(c.Kind)})").ToList();
        var differences = new List<string>();
        if (missing.Count > 0)
        {
            differences.Add($"missing from the {what} data: {string.Join(", ", missing)}");
        }

        if (extra.Count > 0)
        {
            differences.Add($"only in the {what} data: {string.Join(", ", extra)}");
        }

        foreach (var column in real.Columns)
        {
            var index = other.TryIndexOf(column.Name);
            if (index >= 0 && !Compatible(column.Kind, other.Columns[index].Kind))
            {
                differences.Add($"type changed: '{column.Name}' is {Describe(column.Kind)} in the real data but {Describe(other.Columns[index].Kind)} in the {what} data");
            }
        }

        return differences;
    }

    /// <summary>Throws when <see cref="Differences"/> finds any.</summary>
    /// <param name="real">The real table's schema.</param>
    /// <param name="other">The other table's schema.</param>
    /// <param name="what">"synthetic" or "holdout".</param>
    /// <param name="source">The other table's file, for the message.</param>
    /// <exception cref="SchemaException">The schemas differ; the message lists every difference.</exception>
    public static void Require(TableSchema real, TableSchema other, string what, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(other);
        var differences = Differences(real, other, what);
        if (differences.Count == 0)
        {
            return;
        }

        var column = real.Columns.Select(c => c.Name).Concat(other.Columns.Select(c => c.Name))
            .First(name => real.TryIndexOf(name) < 0 || other.TryIndexOf(name) < 0 || !Compatible(real[name].Kind, other[name].Kind));
        throw new SchemaException(
            column,
            $"the {what} data{(source is null ? "" : $" ({source})")} does not match the real data: {string.Join("; ", differences)}. " +
            "Compare tables with the same columns and kinds (sample from a model fitted on the real data).");
    }

    private static bool Compatible(ColumnKind real, ColumnKind other) => Group(real) == Group(other) || real == ColumnKind.Identifier;

    private static int Group(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous or ColumnKind.Integer => 0,
        ColumnKind.DateTime => 1,
        _ => 2,
    };

    private static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous => "numeric",
        ColumnKind.Integer => "integer",
        ColumnKind.DateTime => "dates",
        ColumnKind.Boolean => "boolean",
        ColumnKind.Identifier => "identifier text",
        _ => "categorical text",
    };
}
