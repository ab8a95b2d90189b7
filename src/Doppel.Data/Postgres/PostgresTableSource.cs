using Npgsql;
using NpgsqlTypes;

namespace Doppel.Data;

/// <summary>
/// Reads a PostgreSQL table in batches with binary <c>COPY … TO STDOUT</c>. Kinds follow the column types
/// (<c>double precision</c>, <c>real</c>, <c>numeric</c>: continuous; <c>bigint</c>, <c>integer</c>, <c>smallint</c>:
/// integer; <c>boolean</c>; <c>timestamp</c>, <c>timestamptz</c> (as UTC), <c>date</c>: date-time; <c>text</c>,
/// <c>varchar</c>, <c>char</c>: labels or identifiers, decided from the values as for CSV). A given schema overrides this.
/// </summary>
internal sealed class PostgresTableSource : ITableSource
{
    private readonly NpgsqlConnection _connection;
    private readonly string _table;
    private readonly string[] _types;

    private PostgresTableSource(string description, NpgsqlConnection connection, string table, string[] types, TableSchema schema)
    {
        Description = description;
        _connection = connection;
        _table = table;
        _types = types;
        Schema = schema;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <summary>Connects and opens table <see cref="TableLocation.Table"/> of <paramref name="location"/>.</summary>
    /// <param name="location">A PostgreSQL location.</param>
    /// <param name="schema">A schema to read with (names must match the table's columns in order); null to infer one.</param>
    /// <exception cref="DoppelException">The server cannot be reached.</exception>
    /// <exception cref="DataFormatException">The table does not exist, has an unsupported column type, or differs from <paramref name="schema"/>.</exception>
    public static PostgresTableSource Open(TableLocation location, TableSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != TableLocationKind.Postgres)
        {
            throw new ArgumentException("not a PostgreSQL location", nameof(location));
        }

        var description = location.ToString();
        var connection = PostgresConnection.Open(location.Connection!);
        try
        {
            var declared = PostgresDatabase.Columns(connection, location.Table!);
            if (declared.Count == 0)
            {
                throw new DataFormatException(description, null, null, "no such table (or it has no columns); check the name and the search path.");
            }

            var names = declared.Select(d => d.Name).ToArray();
            if (schema is not null && !schema.Columns.Select(c => c.Name).SequenceEqual(names, StringComparer.Ordinal))
            {
                throw new DataFormatException(description, null, null,
                    $"the columns ({string.Join(", ", names)}) do not match the schema ({string.Join(", ", schema.Columns.Select(c => c.Name))}).");
            }

            var kinds = declared.Select(d => PostgresDatabase.KindOf(d.Type, description, d.Name)).ToArray();
            var types = declared.Select(d => d.Type).ToArray();
            schema ??= Infer(connection, location.Table!, declared, kinds);
            return new PostgresTableSource(description, connection, location.Table!, types, schema);
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
        using var export = _connection.BeginBinaryExport(CopyCommand(_table, Schema.Columns.Select(c => c.Name)));
        var rows = 0;
        long line = 0;
        while (export.StartRow() >= 0)
        {
            line++;
            for (var c = 0; c < builders.Length; c++)
            {
                if (export.IsNull)
                {
                    export.Skip();
                    builders[c].AddMissing();
                }
                else
                {
                    Add(builders[c], export, _types[c], line);
                }
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

    private static string CopyCommand(string table, IEnumerable<string> columns) =>
        $"COPY {SqlIdentifier.Quote(table)} ({string.Join(", ", columns.Select(SqlIdentifier.Quote))}) TO STDOUT (FORMAT BINARY)";

    private void Add(ValueColumnBuilder builder, NpgsqlBinaryExporter export, string type, long line)
    {
        var kind = builder.Schema.Kind;
        switch (type)
        {
            case "double precision":
                Number(export.Read<double>(NpgsqlDbType.Double));
                break;
            case "real":
                Number(export.Read<float>(NpgsqlDbType.Real));
                break;
            case "numeric":
                Number((double)export.Read<decimal>(NpgsqlDbType.Numeric));
                break;
            case "bigint":
                Whole(export.Read<long>(NpgsqlDbType.Bigint));
                break;
            case "integer":
                Whole(export.Read<int>(NpgsqlDbType.Integer));
                break;
            case "smallint":
                Whole(export.Read<short>(NpgsqlDbType.Smallint));
                break;
            case "boolean":
                Expect(ColumnKind.Boolean).AddBool(export.Read<bool>(NpgsqlDbType.Boolean));
                break;
            case "timestamp without time zone":
                Expect(ColumnKind.DateTime).AddLong(export.Read<DateTime>(NpgsqlDbType.Timestamp).Ticks);
                break;
            case "timestamp with time zone":
                Expect(ColumnKind.DateTime).AddLong(export.Read<DateTime>(NpgsqlDbType.TimestampTz).Ticks);
                break;
            case "date":
                Expect(ColumnKind.DateTime).AddLong(export.Read<DateTime>(NpgsqlDbType.Date).Ticks);
                break;
            default:
                var text = export.Read<string>(NpgsqlDbType.Text);
                if (kind is not (ColumnKind.Categorical or ColumnKind.Identifier))
                {
                    throw Mismatch("text");
                }

                builder.AddText(text);
                break;
        }

        void Number(double value)
        {
            if (kind == ColumnKind.Continuous)
            {
                builder.AddDouble(value);
            }
            else if (kind == ColumnKind.Integer && Math.Floor(value) == value && Math.Abs(value) < 9.2e18)
            {
                builder.AddLong((long)value);
            }
            else
            {
                throw Mismatch(type);
            }
        }

        void Whole(long value)
        {
            if (kind == ColumnKind.Integer)
            {
                builder.AddLong(value);
            }
            else if (kind == ColumnKind.Continuous)
            {
                builder.AddDouble(value);
            }
            else
            {
                throw Mismatch(type);
            }
        }

        ValueColumnBuilder Expect(ColumnKind wanted) => kind == wanted ? builder : throw Mismatch(type);

        DataFormatException Mismatch(string stored) =>
            new(Description, line, builder.Schema.Name, $"the column stores {stored} but the schema says {kind}.");
    }

    private static TableSchema Infer(NpgsqlConnection connection, string table, List<(string Name, string Type)> declared, ColumnKind?[] kinds)
    {
        var columns = new ColumnSchema[declared.Count];
        var texts = new List<int>();
        for (var i = 0; i < declared.Count; i++)
        {
            if (kinds[i] is { } kind)
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
            using (var export = connection.BeginBinaryExport(CopyCommand(table, texts.Select(i => declared[i].Name))))
            {
                while (export.StartRow() >= 0)
                {
                    foreach (var profile in profiles)
                    {
                        if (export.IsNull)
                        {
                            export.Skip();
                            profile.Add(null);
                        }
                        else
                        {
                            profile.Add(export.Read<string>(NpgsqlDbType.Text));
                        }
                    }
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
