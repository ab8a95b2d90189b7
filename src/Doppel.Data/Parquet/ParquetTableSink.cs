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
        using var group = _writer.CreateRowGroup();
        var rows = _pendingRows;
        for (var c = 0; c < _fields.Length; c++)
        {
            WriteColumn(group, _fields[c], c, rows);
        }

        group.CompleteValidate();
        _pending.Clear();
        _pendingRows = 0;
    }

    private void WriteColumn(ParquetRowGroupWriter group, DataField field, int c, int rows)
    {
        switch (Schema.Columns[c].Kind)
        {
            case ColumnKind.Continuous:
                WriteValues(group, field, c, rows, column => ((NumericColumn)column).Values);
                break;
            case ColumnKind.Integer:
                WriteValues(group, field, c, rows, column => ((IntegerColumn)column).Values);
                break;
            case ColumnKind.Boolean:
                WriteValues(group, field, c, rows, column => ((BooleanColumn)column).Values);
                break;
            case ColumnKind.DateTime:
                WriteValues(group, field, c, rows, column => Array.ConvertAll(((DateTimeColumn)column).Ticks, t => new DateTime(t, DateTimeKind.Unspecified)));
                break;
            default:
                // Labels go in as memory slices of the category strings: no string is copied per row.
                WriteValues(group, field, c, rows, column => column switch
                {
                    CategoricalColumn cat => Labels(cat),
                    _ => Array.ConvertAll(((IdentifierColumn)column).Values, v => v is null ? default : v.AsMemory()),
                });
                break;
        }
    }

    private static ReadOnlyMemory<char>[] Labels(CategoricalColumn column)
    {
        var labels = column.Categories.Select(l => l.AsMemory()).ToArray();
        return Array.ConvertAll(column.Codes, code => code < 0 ? default : labels[code]);
    }

    /// <summary>Gathers column <paramref name="c"/> of the pending batches and writes it: a plain array for a required field, nullable values otherwise.</summary>
    private void WriteValues<T>(ParquetRowGroupWriter group, DataField field, int c, int rows, Func<Column, T[]> values)
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

            Await(group.WriteAsync<T>(field, plain.AsMemory()));
            return;
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

        Await(group.WriteAsync<T>(field, nullable.AsMemory()));
    }

    private static void Await(Task task) => task.GetAwaiter().GetResult();
}
