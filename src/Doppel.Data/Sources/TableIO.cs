namespace Doppel.Data;

/// <summary>Opens sources and sinks for a <see cref="TableLocation"/>, and reads or writes whole tables through them.</summary>
internal static class TableIO
{
    /// <summary>The default rows per batch when streaming (65,536).</summary>
    public const int DefaultBatchRows = 65_536;

    /// <summary>Opens <paramref name="location"/> for reading in batches.</summary>
    /// <param name="location">Where the table is.</param>
    /// <param name="options">CSV options and a schema to read with; null for the defaults (the schema is stored or inferred).</param>
    /// <exception cref="DataFormatException">The table cannot be found or read.</exception>
    /// <exception cref="DoppelException">A database cannot be reached.</exception>
    public static ITableSource OpenSource(TableLocation location, TableSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= new TableSourceOptions();
        return location.Kind switch
        {
            TableLocationKind.Csv => CsvTableSource.Open(location.Path!, options.Schema is null ? options.Csv : (options.Csv ?? new CsvReadOptions()) with { Schema = options.Schema }),
            TableLocationKind.Parquet => ParquetTableSource.Open(location.Path!, options.Schema),
            TableLocationKind.Sqlite => SqliteTableSource.Open(location.Path!, location.Table!, options.Schema),
            TableLocationKind.Postgres => PostgresTableSource.Open(location, options.Schema),
            _ => throw new ArgumentOutOfRangeException(nameof(location), location.Kind, "unknown location kind"),
        };
    }

    /// <summary>Opens <paramref name="location"/> for writing a table of <paramref name="schema"/>; nothing is visible until <see cref="ITableSink.Complete"/>.</summary>
    /// <param name="location">Where the table goes.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Replacing, CSV and Parquet settings; null for the defaults.</param>
    /// <exception cref="DoppelException">A database table exists and replacing was not asked for, or a database cannot be reached.</exception>
    public static ITableSink CreateSink(TableLocation location, TableSchema schema, TableSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= new TableSinkOptions();
        return location.Kind switch
        {
            TableLocationKind.Csv => CsvTableSink.Create(location.Path!, schema, options.Csv),
            TableLocationKind.Parquet => ParquetTableSink.Create(location.Path!, schema, options.Parquet),
            TableLocationKind.Sqlite => SqliteTableSink.Create(location.Path!, location.Table!, schema, options.Replace),
            TableLocationKind.Postgres => PostgresTableSink.Create(location, schema, options.Replace),
            _ => throw new ArgumentOutOfRangeException(nameof(location), location.Kind, "unknown location kind"),
        };
    }

    /// <summary>Reads the whole table at <paramref name="location"/> into memory.</summary>
    /// <exception cref="DataFormatException">The table cannot be found or read, or has no rows.</exception>
    public static Table Read(TableLocation location, TableSourceOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var source = OpenSource(location, options);
        var batches = source.ReadBatches(DefaultBatchRows, cancellationToken).ToList();
        return batches.Count == 0
            ? throw new DataFormatException(source.Description, null, null, "the table has no rows; a table needs at least one row.")
            : TableConcat.Concat(batches);
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="location"/> whole or not at all.</summary>
    /// <exception cref="DoppelException">As for <see cref="CreateSink"/>.</exception>
    public static void Write(TableLocation location, Table table, TableSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var sink = CreateSink(location, table.Schema, options);
        for (var start = 0; start < table.RowCount; start += DefaultBatchRows)
        {
            sink.WriteBatch(start == 0 && table.RowCount <= DefaultBatchRows ? table : table.Slice(start, Math.Min(DefaultBatchRows, table.RowCount - start)));
        }

        sink.Complete();
    }
}
