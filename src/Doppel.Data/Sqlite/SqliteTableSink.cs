using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Doppel.Data;

/// <summary>
/// Writes batches into a new table of an SQLite database, all inside one transaction: the table appears at
/// <see cref="Complete"/> and not before, and an interrupted run leaves the database as it was (SQLite's journal
/// rolls back a killed transaction).
/// </summary>
/// <remarks>
/// Column types: continuous <c>REAL</c> (SQLite stores a whole REAL as an integer on disk, so -0.0 reads back as 0.0), integer <c>INTEGER</c>, boolean <c>BOOLEAN</c> (0 or 1), date-time
/// <c>TIMESTAMP</c> (text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, every tick kept), labels and identifiers <c>TEXT</c>.
/// Table and column names are quoted identifiers. An existing table is refused unless replacing is asked for; then it is
/// dropped in the same transaction, so it survives until the new one is committed.
/// <para>
/// Speed: rows go in through two statements prepared once, a multi-row <c>INSERT … VALUES (…), (…), …</c> of
/// <see cref="SqliteBulkInsert.RowsPerStatement"/> rows and a one-row one for the remainder, bound column by column
/// through SQLite's own API (no boxing, labels encoded to UTF-8 once per batch). The connection takes a 64 MB page
/// cache for the load; the rollback journal and its fsync at commit are kept, because they are what makes the write
/// all-or-nothing.
/// </para>
/// </remarks>
internal sealed class SqliteTableSink : ITableSink
{
    /// <summary>The text layout of date-times.</summary>
    internal const string DateTimeLayout = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteBulkInsert _insert;
    private bool _done;

    private SqliteTableSink(string description, TableSchema schema, SqliteConnection connection, SqliteTransaction transaction, SqliteBulkInsert insert)
    {
        Description = description;
        Schema = schema;
        _connection = connection;
        _transaction = transaction;
        _insert = insert;
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
        SqliteBulkInsert? insert = null;
        try
        {
            // A bulk load: keep more new pages in memory before they spill to the file. The journal mode and synchronous
            // setting stay at their defaults, which make the commit atomic and durable (exclusive locking is avoided too:
            // it leaves a zeroed journal file behind instead of deleting it).
            SqliteDatabase.Execute(connection, "PRAGMA cache_size = -65536");
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
            insert = new SqliteBulkInsert(connection, table, schema.Count);
            return new SqliteTableSink(description, schema, connection, transaction, insert);
        }
        catch
        {
            insert?.Dispose();
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
        _insert.Write(batch);
        RowsWritten += batch.RowCount;
    }

    /// <inheritdoc />
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _insert.Dispose();
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

    private void Close()
    {
        _done = true;
        _insert.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }
}
