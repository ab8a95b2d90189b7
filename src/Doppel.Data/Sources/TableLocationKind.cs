namespace Doppel.Data;

/// <summary>The kinds of place a table can be read from or written to.</summary>
public enum TableLocationKind
{
    /// <summary>A CSV file.</summary>
    Csv,

    /// <summary>An Apache Parquet file.</summary>
    Parquet,

    /// <summary>A table in an SQLite database file.</summary>
    Sqlite,

    /// <summary>A table in a PostgreSQL database.</summary>
    Postgres,
}
