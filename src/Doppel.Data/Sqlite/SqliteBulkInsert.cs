using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Doppel.Data;

/// <summary>
/// Inserts the rows of batches into one table through SQLite's own API: a prepared statement of
/// <see cref="RowsPerStatement"/> rows (<c>VALUES (?, …), (?, …), …</c>) reused for every full group and a one-row
/// statement for the remainder. Values are bound by type, with no boxing; labels are encoded to UTF-8 once per batch.
/// </summary>
internal sealed class SqliteBulkInsert : IDisposable
{
    /// <summary>The most rows one statement inserts (fewer for wide tables, within SQLite's 32,766 parameters).</summary>
    public const int MaxRowsPerStatement = 128;

    private readonly sqlite3 _db;
    private readonly int _columns;
    private readonly sqlite3_stmt _many;
    private readonly sqlite3_stmt _one;
    private bool _disposed;

    public SqliteBulkInsert(SqliteConnection connection, string table, int columns)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        _columns = columns;
        RowsPerStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, 32_766 / Math.Max(1, columns)));
        _many = Prepare(Sql(table, columns, RowsPerStatement));
        _one = Prepare(Sql(table, columns, 1));
    }

    /// <summary>Rows bound into one execution of the multi-row statement.</summary>
    public int RowsPerStatement { get; }

    /// <summary>Inserts every row of <paramref name="batch"/>.</summary>
    /// <exception cref="DoppelException">SQLite refused a row (disk full, database locked, …).</exception>
    public void Write(Table batch)
    {
        var labels = new byte[_columns][][];
        for (var c = 0; c < _columns; c++)
        {
            labels[c] = batch[c] is CategoricalColumn categorical ? [.. categorical.Categories.Select(Encoding.UTF8.GetBytes)] : [];
        }

        var row = 0;
        for (; row + RowsPerStatement <= batch.RowCount; row += RowsPerStatement)
        {
            for (var k = 0; k < RowsPerStatement; k++)
            {
                BindRow(_many, k * _columns, batch, labels, row + k);
            }

            Execute(_many);
        }

        for (; row < batch.RowCount; row++)
        {
            BindRow(_one, 0, batch, labels, row);
            Execute(_one);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _many.Dispose();
            _one.Dispose();
        }
    }

    private static string Sql(string table, int columns, int rows)
    {
        var tuple = "(" + string.Join(", ", Enumerable.Repeat("?", columns)) + ")";
        return $"INSERT INTO {SqlIdentifier.Quote(table)} VALUES " + string.Join(", ", Enumerable.Repeat(tuple, rows));
    }

    private void BindRow(sqlite3_stmt statement, int offset, Table batch, byte[][][] labels, int row)
    {
        for (var c = 0; c < _columns; c++)
        {
            // Parameters are numbered from 1.
            var index = offset + c + 1;
            var column = batch[c];
            var rc = column.IsMissing(row) ? raw.sqlite3_bind_null(statement, index) : column switch
            {
                NumericColumn x => raw.sqlite3_bind_double(statement, index, x.Values[row]),
                IntegerColumn x => raw.sqlite3_bind_int64(statement, index, x.Values[row]),
                BooleanColumn x => raw.sqlite3_bind_int64(statement, index, x.Values[row] ? 1 : 0),
                DateTimeColumn x => raw.sqlite3_bind_text(statement, index, new DateTime(x.Ticks[row], DateTimeKind.Unspecified).ToString(SqliteTableSink.DateTimeLayout, CultureInfo.InvariantCulture)),
                CategoricalColumn x => raw.sqlite3_bind_text(statement, index, labels[c][x.Codes[row]].AsSpan()),
                IdentifierColumn x => raw.sqlite3_bind_text(statement, index, x.Values[row]!),
                _ => throw new InvalidOperationException($"unknown column type {column.GetType().Name}"),
            };
            Check(rc);
        }
    }

    private void Execute(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
            throw Failure(rc);
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Failure(rc);
        }
    }

    private DoppelException Failure(int rc) =>
        new($"SQLite refused the insert: {raw.sqlite3_errmsg(_db).utf8_to_string()} (code {rc.ToString(CultureInfo.InvariantCulture)}).");
}
