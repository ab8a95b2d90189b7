using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Doppel.Data;

/// <summary>
/// Reads a table of an SQLite database in batches from one streaming <c>SELECT</c>. Kinds follow the declared column
/// types (SQLite's affinity rules): <c>BOOL…</c> boolean, <c>DATE…</c>/<c>…TIME…</c> date-time, <c>…INT…</c> integer,
/// <c>REAL</c>/<c>FLOA…</c>/<c>DOUB…</c>/<c>NUMERIC</c>/<c>DECIMAL</c> continuous, anything else text (labels or
/// identifiers, decided from the values as for CSV). A given schema overrides this.
/// </summary>
internal sealed class SqliteTableSource : ITableSource
{
    private readonly SqliteConnection _connection;
    private readonly string _table;

    private SqliteTableSource(string description, SqliteConnection connection, string table, TableSchema schema)
    {
        Description = description;
        _connection = connection;
        _table = table;
        Schema = schema;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <summary>Opens table <paramref name="table"/> of database <paramref name="path"/> (read-only).</summary>
    /// <param name="path">The database file.</param>
    /// <param name="table">The table.</param>
    /// <param name="schema">A schema to read with (names must match the table's columns in order); null to infer one.</param>
    /// <exception cref="DataFormatException">The database or table does not exist, or its columns differ from <paramref name="schema"/>.</exception>
    public static SqliteTableSource Open(string path, string table, TableSchema? schema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(table);
        var description = TableLocation.Sqlite(path, table).ToString();
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, null, null, "the database file does not exist; check the path.");
        }

        // A writer that died mid-transaction leaves a hot rollback journal; SQLite rolls it back on the next open,
        // which needs write access, so only then is the database opened for writing.
        var mode = File.Exists(path + "-journal") ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly;
        var connection = SqliteDatabase.Open(path, mode);
        try
        {
            var declared = Columns(connection, table);
            if (declared.Count == 0)
            {
                throw new DataFormatException(description, null, null, $"no such table; the tables are: {string.Join(", ", Tables(connection))}.");
            }

            var names = declared.Select(d => d.Name).ToArray();
            if (schema is not null && !schema.Columns.Select(c => c.Name).SequenceEqual(names, StringComparer.Ordinal))
            {
                throw new DataFormatException(description, null, null,
                    $"the columns ({string.Join(", ", names)}) do not match the schema ({string.Join(", ", schema.Columns.Select(c => c.Name))}).");
            }

            schema ??= Infer(connection, table, declared);
            return new SqliteTableSource(description, connection, table, schema);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IEnumerable<Table> ReadBatches(int batchRows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        var builders = Schema.Columns.Select(c => new ValueColumnBuilder(c)).ToArray();
        using var command = Select(_connection, _table, Schema.Columns.Select(c => c.Name));
        using var reader = command.ExecuteReader();
        var rows = 0;
        long line = 0;
        while (reader.Read())
        {
            line++;
            for (var c = 0; c < builders.Length; c++)
            {
                Add(builders[c], reader, c, line);
            }

            if (++rows == batchRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return ValueColumnBuilder.BuildTable(Schema, builders);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return ValueColumnBuilder.BuildTable(Schema, builders);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <summary>The kind a declared SQLite column type maps to; null for text.</summary>
    internal static ColumnKind? KindOf(string declared)
    {
        var type = declared.ToUpperInvariant();
        return type switch
        {
            _ when type.Contains("BOOL", StringComparison.Ordinal) => ColumnKind.Boolean,
            _ when type.Contains("DATE", StringComparison.Ordinal) || type.Contains("TIME", StringComparison.Ordinal) => ColumnKind.DateTime,
            _ when type.Contains("INT", StringComparison.Ordinal) => ColumnKind.Integer,
            _ when type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) ||
                   type.Contains("DOUB", StringComparison.Ordinal) || type.Contains("NUMERIC", StringComparison.Ordinal) ||
                   type.Contains("DECIMAL", StringComparison.Ordinal) => ColumnKind.Continuous,
            _ => null,
        };
    }

    private void Add(ValueColumnBuilder builder, SqliteDataReader reader, int c, long line)
    {
        if (reader.IsDBNull(c))
        {
            builder.AddMissing();
            return;
        }

        try
        {
            switch (builder.Schema.Kind)
            {
                case ColumnKind.Continuous:
                    builder.AddDouble(reader.GetDouble(c));
                    break;
                case ColumnKind.Integer:
                    builder.AddLong(reader.GetInt64(c));
                    break;
                case ColumnKind.Boolean:
                    builder.AddBool(reader.GetBoolean(c));
                    break;
                case ColumnKind.DateTime:
                    builder.AddLong(reader.GetFieldType(c) == typeof(string)
                        ? DateTime.Parse(reader.GetString(c), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).Ticks
                        : reader.GetDateTime(c).Ticks);
                    break;
                default:
                    builder.AddText(reader.GetString(c));
                    break;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new DataFormatException(Description, line, builder.Schema.Name, $"the value does not fit a {builder.Schema.Kind} column: {e.Message}", e);
        }
    }

    private static List<(string Name, string Type)> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type FROM pragma_table_info($table) ORDER BY cid";
        command.Parameters.AddWithValue("$table", table);
        using var reader = command.ExecuteReader();
        var result = new List<(string, string)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static SqliteCommand Select(SqliteConnection connection, string table, IEnumerable<string> columns)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Only quoted identifiers are spliced in.
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(SqlIdentifier.Quote))} FROM {SqlIdentifier.Quote(table)}";
#pragma warning restore CA2100
        return command;
    }

    private static TableSchema Infer(SqliteConnection connection, string table, List<(string Name, string Type)> declared)
    {
        var columns = new ColumnSchema[declared.Count];
        var texts = new List<int>();
        for (var i = 0; i < declared.Count; i++)
        {
            if (KindOf(declared[i].Type) is { } kind)
            {
                columns[i] = new ColumnSchema(declared[i].Name, kind) { IsNullable = true };
            }
            else
            {
                texts.Add(i);
            }
        }

        if (texts.Count > 0)
        {
            var profiles = texts.Select(i => new TextKindProfile(declared[i].Name)).ToArray();
            using var command = Select(connection, table, texts.Select(i => declared[i].Name));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var k = 0; k < profiles.Length; k++)
                {
                    profiles[k].Add(reader.IsDBNull(k) ? null : reader.GetString(k));
                }
            }

            for (var k = 0; k < profiles.Length; k++)
            {
                columns[texts[k]] = profiles[k].Decide();
            }
        }

        return new TableSchema([.. columns]);
    }
}
