namespace Doppel.Data;

/// <summary>The compression codec of a Parquet file's pages.</summary>
public enum ParquetCompression
{
    /// <summary>Snappy: fast, and read by every Parquet reader (the default).</summary>
    Snappy,

    /// <summary>No compression.</summary>
    None,

    /// <summary>Gzip: smaller files, several times slower to write.</summary>
    Gzip,

    /// <summary>Zstandard: small files at a moderate cost.</summary>
    Zstd,

    /// <summary>LZ4 (the raw block format of current Parquet readers).</summary>
    Lz4,

    /// <summary>Brotli: the smallest files, the slowest to write.</summary>
    Brotli,
}
