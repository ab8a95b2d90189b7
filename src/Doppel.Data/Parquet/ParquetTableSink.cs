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
/// UTC) (ticks below a microsecond are dropped), labels and identifiers as UTF-8 strings; categorical columns are
/// dictionary-encoded unless <see cref="ParquetTableSinkOptions.DictionaryEncodeLabels"/> is off. A column whose schema entry is nullable is optional (missing values are nulls), any
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
    private readonly RowGroupBuffers?[] _buffers = new RowGroupBuffers?[InFlight + 1];
    private readonly Queue<Task> _queued = new();
    private TableSchema _storedSchema;
    private int _pendingRows;
    private long _flushes;
    private bool _done;

    // Row groups are encoded and compressed on a worker thread, one after another, while the next ones are gathered:
    // writing overlaps with whatever produces the batches, and a second queued group absorbs the moments when the
    // encoder falls behind. At most InFlight groups are queued, each with its own buffers (so InFlight + 1 sets);
    // a failure surfaces at a later flush or at Complete.
    private const int InFlight = 2;
    private Task _writing = Task.CompletedTask;

    private ParquetTableSink(string path, TableSchema schema, AtomicFile file, ParquetWriter writer, DataField[] fields, int rowGroupRows)
    {
        Description = path;
        Schema = schema;
        _file = file;
        _writer = writer;
        _fields = fields;
        _rowGroupRows = rowGroupRows;
        _storedSchema = schema;
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
            var parquetOptions = new ParquetOptions { CompressionMethod = ToCodec(options.Compression) };
            if (options.DictionaryEncodeLabels)
            {
                // Labels repeat: a dictionary page and small integer indexes are what Spark, DuckDB and Arrow write for
                // such columns, and hashing the labels costs less than compressing them spelled out in every row.
                foreach (var (column, field) in schema.Columns.Zip(fields))
                {
                    if (column.Kind == ColumnKind.Categorical)
                    {
                        parquetOptions.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
                    }
                }
            }

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

    private static CompressionMethod ToCodec(ParquetCompression compression) => compression switch
    {
        ParquetCompression.Snappy => CompressionMethod.Snappy,
        ParquetCompression.None => CompressionMethod.None,
        ParquetCompression.Gzip => CompressionMethod.Gzip,
        ParquetCompression.Zstd => CompressionMethod.Zstd,
        ParquetCompression.Lz4 => CompressionMethod.Lz4Raw,
        ParquetCompression.Brotli => CompressionMethod.Brotli,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "unknown Parquet compression codec"),
    };

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
        // The set last used InFlight + 1 groups ago: that group is written (at most InFlight are queued).
        var buffers = _buffers[_flushes++ % _buffers.Length] ??= new RowGroupBuffers(_fields.Length);
        var columns = new Func<ParquetRowGroupWriter, Task>[_fields.Length];
        for (var c = 0; c < _fields.Length; c++)
        {
            columns[c] = GatherColumn(_fields[c], c, rows, buffers);
        }

        NoteBooleanSpellings();
        _pending.Clear();
        _pendingRows = 0;
        while (_queued.Count >= InFlight)
        {
            _queued.Dequeue().GetAwaiter().GetResult();
        }

        var previous = _writing;
        _writing = Task.Run(() =>
        {
            previous.GetAwaiter().GetResult();
            using var group = _writer.CreateRowGroup();
            foreach (var write in columns)
            {
                write(group).GetAwaiter().GetResult();
            }

            group.CompleteValidate();
        });
        _queued.Enqueue(_writing);
    }

    /// <summary>
    /// A boolean column whose schema entry has no spelling takes the one its values carry (a CSV column of yes/no read
    /// with a schema that only says "boolean"), so reading the file back writes the same words.
    /// </summary>
    private void NoteBooleanSpellings()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        for (var c = 0; c < _fields.Length; c++)
        {
            if (_storedSchema.Columns[c] is { Kind: ColumnKind.Boolean, Format: null } column && _pending[0][c] is BooleanColumn values)
            {
                var columns = _storedSchema.Columns.ToBuilder();
                columns[c] = column with { Format = values.TrueText + "|" + values.FalseText };
                _storedSchema = new TableSchema(columns.ToImmutable());
                _writer.CustomMetadata = new Dictionary<string, string> { [SchemaKey] = TableSchemaJson.Serialize(_storedSchema) };
            }
        }
    }

    private Func<ParquetRowGroupWriter, Task> GatherColumn(DataField field, int c, int rows, RowGroupBuffers buffers) => Schema.Columns[c].Kind switch
    {
        ColumnKind.Continuous => Gather<double>(field, c, rows, buffers, static (column, into) => ((NumericColumn)column).Values.CopyTo(into)),
        ColumnKind.Integer => Gather<long>(field, c, rows, buffers, static (column, into) => ((IntegerColumn)column).Values.CopyTo(into)),
        ColumnKind.Boolean => Gather<bool>(field, c, rows, buffers, static (column, into) => ((BooleanColumn)column).Values.CopyTo(into)),
        ColumnKind.DateTime => Gather<DateTime>(field, c, rows, buffers, static (column, into) =>
        {
            var ticks = ((DateTimeColumn)column).Ticks;
            for (var r = 0; r < ticks.Length; r++)
            {
                into[r] = new DateTime(ticks[r], DateTimeKind.Unspecified);
            }
        }),

        // Labels go in as memory slices of the category strings: no string is copied per row.
        ColumnKind.Categorical => Gather<ReadOnlyMemory<char>>(field, c, rows, buffers, static (column, into) =>
        {
            var cat = (CategoricalColumn)column;
            var labels = new ReadOnlyMemory<char>[cat.Categories.Length];
            for (var k = 0; k < labels.Length; k++)
            {
                labels[k] = cat.Categories[k].AsMemory();
            }

            var codes = cat.Codes;
            for (var r = 0; r < codes.Length; r++)
            {
                into[r] = codes[r] < 0 ? default : labels[codes[r]];
            }
        }),
        _ => Gather<ReadOnlyMemory<char>>(field, c, rows, buffers, static (column, into) =>
        {
            var values = ((IdentifierColumn)column).Values;
            for (var r = 0; r < values.Length; r++)
            {
                into[r] = values[r] is { } v ? v.AsMemory() : default;
            }
        }),
    };

    /// <summary>
    /// Gathers column <paramref name="c"/> of the pending batches into reused buffers and returns the write of it into a
    /// row group: a required field as one array; an optional one as its present values packed together with one
    /// definition level per row (1 present, 0 missing), which is what Parquet stores and saves an array of nullables.
    /// </summary>
    private Func<ParquetRowGroupWriter, Task> Gather<T>(DataField field, int c, int rows, RowGroupBuffers buffers, Action<Column, Span<T>> copy)
        where T : struct
    {
        var values = buffers.Values<T>(c, rows);
        var at = 0;
        if (!field.IsNullable)
        {
            foreach (var batch in _pending)
            {
                var column = batch[c];
                if (column.HasMissing)
                {
                    throw new ArgumentException($"column '{column.Name}' has missing values but the sink's schema says it has none; mark it nullable.", nameof(c));
                }

                copy(column, values.AsSpan(at, column.Length));
                at += column.Length;
            }

            var plain = values.AsMemory(0, rows);
            return group => group.WriteAsync<T>(field, plain);
        }

        var levels = buffers.Levels(c, rows);
        var present = 0;
        foreach (var batch in _pending)
        {
            var column = batch[c];
            var span = values.AsSpan(present, column.Length);
            copy(column, span);
            if (!column.HasMissing)
            {
                levels.AsSpan(at, column.Length).Fill(1);
                present += column.Length;
            }
            else
            {
                // Pack the present values to the front, in order.
                var missing = column.Missing;
                var kept = 0;
                for (var r = 0; r < missing.Length; r++)
                {
                    levels[at + r] = missing[r] ? 0 : 1;
                    if (!missing[r])
                    {
                        span[kept++] = span[r];
                    }
                }

                present += kept;
            }

            at += column.Length;
        }

        var packed = values.AsMemory(0, present);
        var definitions = levels.AsMemory(0, rows);
        return group => group.WriteAllPartsAsync<T>(field, packed, definitions, null, CancellationToken.None);
    }

    /// <summary>One row group's gathered arrays, per column; the sets take turns, since groups are encoded while the next is gathered.</summary>
    private sealed class RowGroupBuffers(int columns)
    {
        private readonly Array?[] _values = new Array?[columns];
        private readonly int[]?[] _levels = new int[]?[columns];

        public T[] Values<T>(int c, int rows) =>
            _values[c] is T[] a && a.Length >= rows ? a : (T[])(_values[c] = new T[rows]);

        public int[] Levels(int c, int rows) =>
            _levels[c] is { } a && a.Length >= rows ? a : (_levels[c] = new int[rows]);
    }
}
