namespace Doppel.Data;

/// <summary>
/// Reads a CSV file in batches: the schema is settled first (given, or inferred in one bounded-memory pass as
/// <see cref="CsvTableReader.InferSchema"/> does), then each call to <see cref="ReadBatches"/> streams the rows, so memory
/// holds one batch whatever the file's length.
/// </summary>
internal sealed class CsvTableSource : ITableSource
{
    private readonly CsvReadOptions _options;
    private readonly MissingTokens _missing;

    private CsvTableSource(string path, TableSchema schema, CsvReadOptions options)
    {
        Description = path;
        Schema = schema;
        _options = options;
        _missing = new MissingTokens(options.MissingTokens);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <summary>Opens <paramref name="path"/> and settles its schema.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Missing tokens, separator, schema and overrides; null for the defaults.</param>
    /// <exception cref="DataFormatException">As for <see cref="CsvTableReader.Read"/>.</exception>
    /// <exception cref="SchemaException">As for <see cref="CsvTableReader.Read"/>.</exception>
    public static CsvTableSource Open(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        return new CsvTableSource(path, CsvTableReader.InferSchema(path, options), options);
    }

    /// <inheritdoc />
    public IEnumerable<Table> ReadBatches(int batchRows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        using var source = CsvSource.Open(Description, _options.Separator);
        if (!Schema.Columns.Select(c => c.Name).SequenceEqual(source.Names, StringComparer.Ordinal))
        {
            throw new DataFormatException(Description, 1, null, "the header changed since the schema was read; read the file again.");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sink = new Builders([.. Schema.Columns.Select(c => ColumnBuilder.For(c, Description, Math.Min(batchRows, 1 << 16)))]);
            var rows = source.ScanSome(ref sink, _missing, batchRows);
            if (rows == 0)
            {
                yield break;
            }

            yield return new Table(Schema, sink.All.Select(b => b.Build()));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Each read opens and closes the file itself.
    }

    private readonly struct Builders(ColumnBuilder[] builders) : ICellSink
    {
        public ColumnBuilder[] All { get; } = builders;

        public void AddMissing(int column) => All[column].AddMissing();

        public void Add(int column, ReadOnlySpan<char> cell, long line) => All[column].Add(cell, line);
    }
}
