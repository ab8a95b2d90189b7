namespace Doppel.Data;

/// <summary>
/// Column kinds a user asks for (the <c>--discrete</c>, <c>--numeric</c>, <c>--id</c>, ... options), applied on top
/// of schema inference or of a schema file. A column may appear in at most one list.
/// </summary>
public sealed record SchemaOverrides
{
    /// <summary>Columns to model as categories: their values become labels, kept verbatim (<see cref="ColumnKind.Categorical"/>).</summary>
    public IReadOnlyList<string> Discrete { get; init; } = [];

    /// <summary>
    /// Columns to model as numbers: <see cref="ColumnKind.Integer"/> when every value is a whole number (and no longer
    /// offered as discrete), otherwise <see cref="ColumnKind.Continuous"/>. A value that is not a finite number is
    /// then refused with a <see cref="DataFormatException"/> naming the file, line and column.
    /// </summary>
    public IReadOnlyList<string> Numeric { get; init; } = [];

    /// <summary>Columns that are keys: never learned, regenerated as fresh unique values (<see cref="ColumnKind.Identifier"/>).</summary>
    public IReadOnlyList<string> Id { get; init; } = [];

    /// <summary>
    /// Columns to read as booleans (<see cref="ColumnKind.Boolean"/>), for example a column of <c>0</c> and <c>1</c>,
    /// which inference leaves as integers. The values must be one pair among true/false, yes/no, y/n, t/f, on/off
    /// and 1/0 (any letter case).
    /// </summary>
    public IReadOnlyList<string> Boolean { get; init; } = [];

    /// <summary>Whether no column is named.</summary>
    public bool IsEmpty => Discrete.Count + Numeric.Count + Id.Count + Boolean.Count == 0;

    /// <summary>Every named column with the kind asked for, in list order.</summary>
    internal IEnumerable<(string Column, string List)> Entries() =>
        Discrete.Select(c => (c, "discrete"))
            .Concat(Numeric.Select(c => (c, "numeric")))
            .Concat(Id.Select(c => (c, "id")))
            .Concat(Boolean.Select(c => (c, "boolean")));

    /// <summary>Checks that every named column exists and appears in one list only.</summary>
    /// <exception cref="SchemaException">A name is not a column of <paramref name="columns"/>, or is named twice.</exception>
    internal void Validate(IReadOnlyList<string> columns)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, list) in Entries())
        {
            if (!columns.Contains(column, StringComparer.Ordinal))
            {
                throw new SchemaException(column, $"no such column in the --{list} override; the columns are: {string.Join(", ", columns)}.");
            }

            if (seen.TryGetValue(column, out var other))
            {
                throw new SchemaException(column, $"named in both the --{other} and the --{list} overrides; name it once.");
            }

            seen.Add(column, list);
        }
    }
}
