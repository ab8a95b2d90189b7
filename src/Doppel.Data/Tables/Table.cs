using System.Collections.Immutable;

namespace Doppel.Data;

/// <summary>
/// A column-oriented table: a <see cref="TableSchema"/> and one typed <see cref="Column"/> per schema entry,
/// all of the same length. Immutable.
/// </summary>
public sealed class Table
{
    /// <summary>Creates a table whose schema is read off the columns (nullable where a column has missing rows).</summary>
    public Table(IEnumerable<Column> columns)
        : this(SchemaOf(columns.ToImmutableArray()), columns)
    {
    }

    /// <summary>Creates a table; each column must match its schema entry by name and kind, and all lengths agree.</summary>
    /// <exception cref="ArgumentException">Columns and schema disagree, or lengths differ.</exception>
    public Table(TableSchema schema, IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var list = columns.ToImmutableArray();
        if (list.Length != schema.Count)
        {
            throw new ArgumentException($"{list.Length} columns for a schema of {schema.Count}", nameof(columns));
        }

        for (var i = 0; i < list.Length; i++)
        {
            var expected = schema.Columns[i];
            if (list[i].Name != expected.Name || list[i].Kind != expected.Kind)
            {
                throw new ArgumentException(
                    $"column {i} is '{list[i].Name}' ({list[i].Kind}) but the schema says '{expected.Name}' ({expected.Kind})",
                    nameof(columns));
            }

            if (list[i].Length != list[0].Length)
            {
                throw new ArgumentException(
                    $"column '{list[i].Name}' has {list[i].Length} rows, column '{list[0].Name}' has {list[0].Length}",
                    nameof(columns));
            }
        }

        Schema = schema;
        Columns = list;
        RowCount = list.IsEmpty ? 0 : list[0].Length;
    }

    /// <summary>The schema: names, kinds and write formats.</summary>
    public TableSchema Schema { get; }

    /// <summary>The columns, in schema order.</summary>
    public ImmutableArray<Column> Columns { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => Columns.Length;

    /// <summary>The column at <paramref name="index"/>.</summary>
    public Column this[int index] => Columns[index];

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="SchemaException">No column has that name.</exception>
    public Column this[string name] => Columns[Schema.IndexOf(name)];

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public Table Take(ReadOnlySpan<int> rows)
    {
        var taken = new Column[Columns.Length];
        for (var i = 0; i < taken.Length; i++)
        {
            taken[i] = Columns[i].Take(rows);
        }

        return new Table(Schema, taken);
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    public Table Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, RowCount);
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = start + i;
        }

        return Take(rows);
    }

    /// <summary>The named columns, in the order given.</summary>
    /// <exception cref="SchemaException">A name is not a column.</exception>
    public Table Select(IEnumerable<string> names)
    {
        var indices = names.Select(Schema.IndexOf).ToArray();
        return new Table(
            new TableSchema([.. indices.Select(i => Schema.Columns[i])]),
            indices.Select(i => Columns[i]));
    }

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>) as a writer writes it; null when missing.</summary>
    public string? FormatValue(int row, int column) => Columns[column].FormatValue(row);

    private static TableSchema SchemaOf(ImmutableArray<Column> columns) =>
        new([.. columns.Select(c => new ColumnSchema(c.Name, c.Kind)
        {
            IsNullable = c.HasMissing,
            Format = (c as DateTimeColumn)?.Format,
        })]);
}
