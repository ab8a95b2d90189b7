using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Doppel.Data;

/// <summary>
/// Writes batches into a new table of an SQLite database, all inside one transaction with one prepared
/// <c>INSERT</c>: the table appears at <see cref="Complete"/> and not before, and an interrupted run leaves the
/// database as it was (SQLite's journal rolls back a killed transaction).
/// </summary>
/// <remarks>
/// Column types: continuous <c>REAL</c> (SQLite stores a whole REAL as an integer on disk, so -0.0 reads back as 0.0), integer <c>INTEGER</c>, boolean <c>BOOLEAN</c> (0 or 1), date-time
/// <c>TIMESTAMP</c> (text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, every tick kept), labels and identifiers <c>TEXT</c>.
/// Table and column names are quoted identifiers. An existing table is refused unless replacing is asked for; then it is
/// dropped in the same transaction, so it survives until the new one is committed.
/// </remarks>
internal sealed class SqliteTableSink : ITableSink
{
    /// <summary>The text layout of date-times.</summary>
    internal const string DateTimeLayout = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;
    private bool _done;

    private SqliteTableSink(string description, TableSchema schema, SqliteConnection connection, SqliteTransaction transaction, SqliteCommand insert, SqliteParameter[] parameters)
    {
        Description = description;
        Schema = schema;
        _connection = connection;
        _transaction = transaction;
        _insert = insert;
        _parameters = parameters;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <inheritdoc />
    public long RowsWritten { get; private set; }

    /// <summary>Opens (or creates) the database <paramref name="path"/> and starts the table <paramref name="table"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="table">The table to create.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="replace">Whether an existing table of that name is replaced (at commit) rather than refused.</param>
    /// <exception cref="DoppelException">The table exists and <paramref name="replace"/> is false, or the database cannot be opened.</exception>
    public static SqliteTableSink Create(string path, string table, TableSchema schema, bool replace)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(schema);
        var description = TableLocation.Sqlite(path, table).ToString();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = SqliteDatabase.Open(path, SqliteOpenMode.ReadWriteCreate);
        SqliteTransaction? transaction = null;
        try
        {
            transaction = connection.BeginTransaction(deferred: false);
            if (SqliteDatabase.TableExists(connection, table))
            {
                if (!replace)
                {
                    throw new DoppelException($"{description} already exists; choose another table name or ask to replace it (--replace).");
                }

                SqliteDatabase.Execute(connection, $"DROP TABLE {SqlIdentifier.Quote(table)}");
            }

            var columns = string.Join(", ", schema.Columns.Select(c => $"{SqlIdentifier.Quote(c.Name)} {TypeOf(c.Kind)}"));
            SqliteDatabase.Execute(connection, $"CREATE TABLE {SqlIdentifier.Quote(table)} ({columns})");
            var insert = connection.CreateCommand();
            var parameters = schema.Columns.Select((_, i) => insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].SqliteType = schema.Columns[i].Kind switch
                {
                    ColumnKind.Continuous => SqliteType.Real,
                    ColumnKind.Integer or ColumnKind.Boolean => SqliteType.Integer,
                    _ => SqliteType.Text,
                };
            }

#pragma warning disable CA2100 // Only quoted identifiers and parameter names are spliced in.
            insert.CommandText = $"INSERT INTO {SqlIdentifier.Quote(table)} VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
#pragma warning restore CA2100
            insert.Prepare();
            return new SqliteTableSink(description, schema, connection, transaction, insert, parameters);
        }
        catch
        {
            transaction?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void WriteBatch(Table batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_done, this);
        SinkChecks.Matches(Schema, batch);
        var columns = batch.Columns;
        for (var r = 0; r < batch.RowCount; r++)
        {
            for (var c = 0; c < _parameters.Length; c++)
            {
                _parameters[c].Value = ValueOf(columns[c], r);
            }

            _insert.ExecuteNonQuery();
        }

        RowsWritten += batch.RowCount;
    }

    /// <inheritdoc />
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _transaction.Commit();
        Close();
    }

    /// <summary>Rolls back unless <see cref="Complete"/> was called.</summary>
    public void Dispose()
    {
        if (!_done)
        {
            Close();
        }
    }

    /// <summary>The declared column type for a kind.</summary>
    internal static string TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous => "REAL",
        ColumnKind.Integer => "INTEGER",
        ColumnKind.Boolean => "BOOLEAN",
        ColumnKind.DateTime => "TIMESTAMP",
        _ => "TEXT",
    };

    private static object ValueOf(Column column, int row)
    {
        if (column.IsMissing(row))
        {
            return DBNull.Value;
        }

        return column switch
        {
            NumericColumn x => x.Values[row],
            IntegerColumn x => x.Values[row],
            BooleanColumn x => x.Values[row] ? 1L : 0L,
            DateTimeColumn x => new DateTime(x.Ticks[row], DateTimeKind.Unspecified).ToString(DateTimeLayout, CultureInfo.InvariantCulture),
            CategoricalColumn x => x.Categories[x.Codes[row]],
            IdentifierColumn x => x.Values[row]!,
            _ => throw new InvalidOperationException($"unknown column type {column.GetType().Name}"),
        };
    }

    private void Close()
    {
        _done = true;
        _insert.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }
}
