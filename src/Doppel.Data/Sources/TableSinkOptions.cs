namespace Doppel.Data;

/// <summary>How <see cref="TableIO.CreateSink"/> writes a table.</summary>
public sealed record TableSinkOptions
{
    /// <summary>Whether an existing database table is replaced (default false: it is refused). Files are always replaced atomically.</summary>
    public bool Replace { get; init; }

    /// <summary>CSV settings; null for the defaults.</summary>
    public CsvWriteOptions? Csv { get; init; }

    /// <summary>Parquet settings; null for the defaults.</summary>
    public ParquetTableSinkOptions? Parquet { get; init; }
}
