using Parquet;
using Parquet.Schema;

namespace Doppel.Data;

/// <summary>
/// Writes batches to an Apache Parquet file through <see cref="AtomicFile"/>: the file appears at
/// <see cref="Complete"/> and not before. Batches are gathered into row groups of <see cref="ParquetTableSinkOptions.RowGroupRows"/>
/// rows, so memory holds one row group, whatever the row count.
/// </summary>
/// <remarks>
/// Types: continuous as DOUBLE, integer as INT64, boolean as BOOLEAN, date-time as TIMESTAMP(MICROS, not adjusted to
/// UTC) (ticks below a microsecond are dropped), labels and identifiers as UTF-8 strings (dictionary-encoded by the
/// library when values repeat). A column whose schema entry is nullable is optional (missing values are nulls), any
/// other is required (and a batch with a missing value in it is refused). The Doppel schema (kinds,
/// formats, boolean spellings) is stored as JSON under the key <see cref="SchemaKey"/> in the file's key-value metadata,
/// so reading the file back restores it exactly; other tools ignore the key.
/// </remarks>
internal sealed class ParquetTableSink : ITableSink
{
    /// <summary>The key-value metadata key holding the schema as JSON.</summary>
    public const string SchemaKey = "doppel.schema";

    private readonly AtomicFile _file;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly int _rowGroupRows;
    private readonly List<Table> _pending = [];
    private int _pendingRows;
    private bool _done;

    // The row group being encoded and compressed on a worker thread while the next one is gathered: writing
    // overlaps with whatever produces the batches. At most one group is in flight; its failure surfaces at the
    // next flush or at Complete.
    private Task _writing = Task.CompletedTask;

    private ParquetTableSink(string path, TableSchema schema, AtomicFile file, ParquetWriter writer, DataField[] fields, int rowGroupRows)
    {
        Description = path;
        Schema = schema;
        _file = file;
        _writer = writer;
        _fields = fields;
        _rowGroupRows = rowGroupRows;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <inheritdoc />
    public long RowsWritten { get; private set; }

    /// <summary>Starts writing <paramref name="path"/>; the previous file, if any, stays until <see cref="Complete"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Row-group size and compression; null for the defaults.</param>
    public static ParquetTableSink Create(string path, TableSchema schema, ParquetTableSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new ParquetTableSinkOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RowGroupRows);
        var fields = schema.Columns.Select(FieldOf).ToArray();
        var file = AtomicFile.Create(path);
        try
        {
            var parquetOptions = new ParquetOptions { CompressionMethod = options.Compression };
            var writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), file.Stream, parquetOptions).GetAwaiter().GetResult();
            writer.CustomMetadata = new Dictionary<string, string> { [SchemaKey] = TableSchemaJson.Serialize(schema) };
            return new ParquetTableSink(path, schema, file, writer, fields, options.RowGroupRows);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void WriteBatch(Table batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_done, this);
        SinkChecks.Matches(Schema, batch);
        if (batch.RowCount == 0)
        {
            return;
        }

        _pending.Add(batch);
        _pendingRows += batch.RowCount;
        RowsWritten += batch.RowCount;
        if (_pendingRows >= _rowGroupRows)
        {
            Flush();
        }
    }

    /// <inheritdoc />
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_pendingRows > 0 || RowsWritten == 0)
        {
            Flush();
        }

        _writing.GetAwaiter().GetResult();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _file.Commit();
        _done = true;
    }

    /// <summary>Discards the file unless <see cref="Complete"/> was called.</summary>
    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            try
            {
                _writing.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The file is discarded anyway; the failure was reported where it happened.
            }

            _file.Dispose();
        }
    }

    private static DataField FieldOf(ColumnSchema column) => column.Kind switch
    {
        ColumnKind.Continuous => new DataField(column.Name, typeof(double), column.IsNullable),
        ColumnKind.Integer => new DataField(column.Name, typeof(long), column.IsNullable),
        ColumnKind.Boolean => new DataField(column.Name, typeof(bool), column.IsNullable),
        ColumnKind.DateTime => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Micros, isNullable: column.IsNullable),
        _ => new DataField(column.Name, typeof(string), column.IsNullable),
    };

    private void Flush()
    {
        var rows = _pendingRows;
        var columns = new Func<ParquetRowGroupWriter, Task>[_fields.Length];
        for (var c = 0; c < _fields.Length; c++)
        {
            columns[c] = GatherColumn(_fields[c], c, rows);
        }

        _pending.Clear();
        _pendingRows = 0;
        _writing.GetAwaiter().GetResult();
        _writing = Task.Run(() =>
        {
            using var group = _writer.CreateRowGroup();
            foreach (var write in columns)
            {
                write(group).GetAwaiter().GetResult();
            }

            group.CompleteValidate();
        });
    }

    private Func<ParquetRowGroupWriter, Task> GatherColumn(DataField field, int c, int rows) => Schema.Columns[c].Kind switch
    {
        ColumnKind.Continuous => Gather(field, c, rows, column => ((NumericColumn)column).Values),
        ColumnKind.Integer => Gather(field, c, rows, column => ((IntegerColumn)column).Values),
        ColumnKind.Boolean => Gather(field, c, rows, column => ((BooleanColumn)column).Values),
        ColumnKind.DateTime => Gather(field, c, rows, column => Array.ConvertAll(((DateTimeColumn)column).Ticks, t => new DateTime(t, DateTimeKind.Unspecified))),

        // Labels go in as memory slices of the category strings: no string is copied per row.
        _ => Gather(field, c, rows, column => column switch
        {
            CategoricalColumn cat => Labels(cat),
            _ => Array.ConvertAll(((IdentifierColumn)column).Values, v => v is null ? default : v.AsMemory()),
        }),
    };

    private static ReadOnlyMemory<char>[] Labels(CategoricalColumn column)
    {
        var labels = column.Categories.Select(l => l.AsMemory()).ToArray();
        return Array.ConvertAll(column.Codes, code => code < 0 ? default : labels[code]);
    }

    /// <summary>
    /// Gathers column <paramref name="c"/> of the pending batches (a plain array for a required field, nullable values
    /// otherwise) and returns the write of it into a row group.
    /// </summary>
    private Func<ParquetRowGroupWriter, Task> Gather<T>(DataField field, int c, int rows, Func<Column, T[]> values)
        where T : struct
    {
        var at = 0;
        if (!field.IsNullable)
        {
            var plain = new T[rows];
            foreach (var batch in _pending)
            {
                var column = batch[c];
                if (column.HasMissing)
                {
                    throw new ArgumentException($"column '{column.Name}' has missing values but the sink's schema says it has none; mark it nullable.", nameof(c));
                }

                var v = values(column);
                Array.Copy(v, 0, plain, at, v.Length);
                at += v.Length;
            }

            return group => group.WriteAsync<T>(field, plain.AsMemory());
        }

        var nullable = new T?[rows];
        foreach (var batch in _pending)
        {
            var column = batch[c];
            var v = values(column);
            for (var r = 0; r < v.Length; r++, at++)
            {
                nullable[at] = column.IsMissing(r) ? null : v[r];
            }
        }

        return group => group.WriteAsync<T>(field, nullable.AsMemory());
    }

}
