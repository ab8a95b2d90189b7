using Parquet;

namespace Doppel.Data;

/// <summary>How <see cref="ParquetTableSink"/> lays out a file.</summary>
public sealed record ParquetTableSinkOptions
{
    /// <summary>Rows per row group (default 262,144): the unit a reader loads at once, and what the writer holds in memory.</summary>
    public int RowGroupRows { get; init; } = 131_072;

    /// <summary>The compression codec (default Snappy, which every Parquet reader understands).</summary>
    public CompressionMethod Compression { get; init; } = CompressionMethod.Snappy;
}
