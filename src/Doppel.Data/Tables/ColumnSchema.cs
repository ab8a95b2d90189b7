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
    /// columns (null means ISO 8601), otherwise unused unless a reader documents it.
    /// </summary>
    public string? Format { get; init; }
}
