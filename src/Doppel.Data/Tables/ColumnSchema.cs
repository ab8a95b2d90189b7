namespace Doppel.Data;

/// <summary>The description of one column: its name, kind and how its values are written.</summary>
/// <param name="Name">The column's name as it appears in the source (case-sensitive).</param>
/// <param name="Kind">How the column is modelled.</param>
public sealed record ColumnSchema(string Name, ColumnKind Kind)
{
    /// <summary>Whether the column may hold missing values.</summary>
    public bool IsNullable { get; init; }

    /// <summary>
    /// How values are written back: a .NET date format for <see cref="ColumnKind.DateTime"/>
    /// columns (null means ISO 8601); for <see cref="ColumnKind.Boolean"/> columns the spellings as
    /// <c>true|false</c>, for example <c>yes|no</c> (null means detect them from the values); otherwise unused.
    /// </summary>
    public string? Format { get; init; }

    /// <summary>
    /// Whether inference offers this <see cref="ColumnKind.Integer"/> column as discrete: it holds few distinct
    /// whole numbers (at most <see cref="SchemaInference.DiscreteMaxDistinct"/>), such as a 1-to-4 rating. The kind stays
    /// Integer; a synthesizer may model it by frequency, and the user makes it categorical with the discrete override.
    /// </summary>
    public bool IsDiscrete { get; init; }
}
