namespace Doppel.Data;

/// <summary>How <see cref="ParquetTableSink"/> lays out a file.</summary>
public sealed record ParquetTableSinkOptions
{
    /// <summary>Rows per row group (default 131,072): the unit a reader loads at once, and what the writer holds in memory.</summary>
    public int RowGroupRows { get; init; } = 131_072;

    /// <summary>The compression codec (default Snappy, which every Parquet reader understands).</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>
    /// Whether categorical columns are written dictionary-encoded (default true): each row group holds the distinct
    /// labels once and a small integer per row, as Spark, DuckDB and Arrow write repeated strings. The library falls back
    /// to plain encoding for a column chunk whose labels are mostly distinct.
    /// </summary>
    public bool DictionaryEncodeLabels { get; init; } = true;
}
