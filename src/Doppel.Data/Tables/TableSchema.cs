using System.Collections.Immutable;

namespace Doppel.Data;

/// <summary>The ordered list of a table's columns with their kinds.</summary>
public sealed record TableSchema
{
    /// <summary>Creates a schema; column names must be unique and non-empty.</summary>
    /// <exception cref="SchemaException">A name is empty or repeated.</exception>
    public TableSchema(ImmutableArray<ColumnSchema> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (string.IsNullOrEmpty(column.Name))
            {
                throw new SchemaException("", "a column has an empty name; every column needs a name.");
            }

            if (!seen.Add(column.Name))
            {
                throw new SchemaException(column.Name, "the column name appears more than once; names must be unique.");
            }
        }

        Columns = columns;
    }

    /// <summary>The columns, in order.</summary>
    public ImmutableArray<ColumnSchema> Columns { get; }

    /// <summary>The number of columns.</summary>
    public int Count => Columns.Length;

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="SchemaException">No column has that name.</exception>
    public ColumnSchema this[string name] => Columns[IndexOf(name)];

    /// <summary>The position of the column called <paramref name="name"/>.</summary>
    /// <exception cref="SchemaException">No column has that name.</exception>
    public int IndexOf(string name)
    {
        var index = TryIndexOf(name);
        return index >= 0
            ? index
            : throw new SchemaException(name, $"no such column; the columns are: {string.Join(", ", Columns.Select(c => c.Name))}.");
    }

    /// <summary>The position of the column called <paramref name="name"/>, or -1.</summary>
    public int TryIndexOf(string name)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether two schemas list the same names and kinds in the same order.</summary>
    public bool Equals(TableSchema? other) =>
        other is not null && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var column in Columns)
        {
            hash.Add(column);
        }

        return hash.ToHashCode();
    }
}
