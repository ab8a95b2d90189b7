using Npgsql;
using NpgsqlTypes;

namespace Doppel.Data;

/// <summary>
/// Writes batches into a new PostgreSQL table with binary <c>COPY … FROM STDIN</c>, inside one transaction: the table
/// appears at <see cref="Complete"/> and not before, and an interrupted or killed run leaves nothing behind.
/// </summary>
/// <remarks>
/// Column types: continuous <c>double precision</c>, integer <c>bigint</c>, boolean <c>boolean</c>, date-time
/// <c>timestamp</c> (without time zone; PostgreSQL keeps microseconds, so finer ticks are dropped), labels and
/// identifiers <c>text</c> (PostgreSQL refuses the NUL character in text). Names are quoted identifiers. An existing
/// table is refused unless replacing is asked for; then it is dropped in the same transaction.
/// </remarks>
internal sealed class PostgresTableSink : ITableSink
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly NpgsqlBinaryImporter _importer;
    private readonly string _connectionString;
    private bool _done;

    private PostgresTableSink(string description, TableSchema schema, NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBinaryImporter importer, string connectionString)
    {
        Description = description;
        Schema = schema;
        _connection = connection;
        _transaction = transaction;
        _importer = importer;
        _connectionString = connectionString;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <inheritdoc />
    public long RowsWritten { get; private set; }

    /// <summary>Connects and starts the table <see cref="TableLocation.Table"/> of <paramref name="location"/>.</summary>
    /// <param name="location">A PostgreSQL location.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="replace">Whether an existing table of that name is replaced (at commit) rather than refused.</param>
    /// <exception cref="DoppelException">The server cannot be reached, or the table exists and <paramref name="replace"/> is false.</exception>
    public static PostgresTableSink Create(TableLocation location, TableSchema schema, bool replace)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(schema);
        if (location.Kind != TableLocationKind.Postgres)
        {
            throw new ArgumentException("not a PostgreSQL location", nameof(location));
        }

        var description = location.ToString();
        var table = SqlIdentifier.Quote(location.Table!);
        var connection = PostgresConnection.Open(location.Connection!);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = connection.BeginTransaction();
            if (PostgresDatabase.TableExists(connection, location.Table!))
            {
                if (!replace)
                {
                    throw new DoppelException($"{description} already exists; choose another table name or ask to replace it (--replace).");
                }

                PostgresDatabase.Execute(connection, $"DROP TABLE {table}");
            }

            var columns = string.Join(", ", schema.Columns.Select(c => $"{SqlIdentifier.Quote(c.Name)} {PostgresDatabase.TypeOf(c.Kind)}"));
            PostgresDatabase.Execute(connection, $"CREATE TABLE {table} ({columns})");
            var names = string.Join(", ", schema.Columns.Select(c => SqlIdentifier.Quote(c.Name)));
            var importer = connection.BeginBinaryImport($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)");
            return new PostgresTableSink(description, schema, connection, transaction, importer, location.Connection!);
        }
        catch (PostgresException e)
        {
            transaction?.Dispose();
            connection.Dispose();
            throw new DoppelException($"{description}: {PostgresConnection.Scrub(e.MessageText, location.Connection!)}", e);
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
        try
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                _importer.StartRow();
                for (var c = 0; c < columns.Length; c++)
                {
                    WriteValue(columns[c], r);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw Failure(e);
        }

        RowsWritten += batch.RowCount;
    }

    /// <inheritdoc />
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        try
        {
            _importer.Complete();
            _importer.Dispose();
            _transaction.Commit();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw Failure(e);
        }

        Close();
    }

    /// <summary>Cancels the copy and rolls back unless <see cref="Complete"/> was called.</summary>
    public void Dispose()
    {
        if (!_done)
        {
            Close();
        }
    }

    private void WriteValue(Column column, int row)
    {
        if (column.IsMissing(row))
        {
            _importer.WriteNull();
            return;
        }

        switch (column)
        {
            case NumericColumn x:
                _importer.Write(x.Values[row], NpgsqlDbType.Double);
                break;
            case IntegerColumn x:
                _importer.Write(x.Values[row], NpgsqlDbType.Bigint);
                break;
            case BooleanColumn x:
                _importer.Write(x.Values[row], NpgsqlDbType.Boolean);
                break;
            case DateTimeColumn x:
                _importer.Write(new DateTime(x.Ticks[row], DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
                break;
            case CategoricalColumn x:
                _importer.Write(x.Categories[x.Codes[row]], NpgsqlDbType.Text);
                break;
            case IdentifierColumn x:
                _importer.Write(x.Values[row]!, NpgsqlDbType.Text);
                break;
            default:
                throw new InvalidOperationException($"unknown column type {column.GetType().Name}");
        }
    }

    private DoppelException Failure(Exception e)
    {
        var text = e is PostgresException pg ? pg.MessageText : e.Message;
        return new DoppelException($"{Description}: writing failed, nothing was committed: {PostgresConnection.Scrub(text, _connectionString)}", e);
    }

    private void Close()
    {
        _done = true;
        try
        {
            _importer.Dispose();
            _transaction.Dispose();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            // The connection is already broken; the server rolls the transaction back when it goes away.
        }

        _connection.Dispose();
    }
}
