using Doppel.Data;

namespace Doppel;

/// <summary>
/// Reading and writing whole tables: <c>Table.ReadCsv("people.csv")</c>, <c>table.WriteParquet("people.parquet")</c>,
/// SQLite tables and any <see cref="TableLocation"/>. Thin wrappers over <see cref="TableIO"/>; columns and kinds are
/// inferred from the data unless a schema is given.
/// </summary>
public static class TableFiles
{
    extension(Table table)
    {
        /// <summary>Reads a CSV file whole; the separator, column kinds and date formats are detected.</summary>
        /// <param name="path">The file.</param>
        /// <param name="options">Missing-value tokens, separator and schema overrides; null for the defaults.</param>
        /// <param name="cancellationToken">Stops reading between batches.</param>
        /// <exception cref="DataFormatException">The file is missing, unreadable or has no rows.</exception>
        public static Table ReadCsv(string path, CsvReadOptions? options = null, CancellationToken cancellationToken = default) =>
            TableIO.Read(TableLocation.File(CsvPath(path)), new TableSourceOptions { Csv = options }, cancellationToken);

        /// <summary>Reads a Parquet file whole (a file written by Doppel keeps its kinds and formats).</summary>
        /// <exception cref="DataFormatException">The file is missing, unreadable or has no rows.</exception>
        public static Table ReadParquet(string path, CancellationToken cancellationToken = default) =>
            TableIO.Read(ParquetLocation(path), null, cancellationToken);

        /// <summary>Reads the table <paramref name="name"/> of the SQLite database <paramref name="path"/>.</summary>
        /// <exception cref="DataFormatException">The database or table is missing, or the table has no rows.</exception>
        public static Table ReadSqlite(string path, string name, CancellationToken cancellationToken = default) =>
            TableIO.Read(TableLocation.Sqlite(path, name), null, cancellationToken);

        /// <summary>Reads the table at <paramref name="location"/> (CSV, Parquet, SQLite or PostgreSQL).</summary>
        /// <exception cref="DataFormatException">The table cannot be found or read, or has no rows.</exception>
        /// <exception cref="DoppelException">A database cannot be reached.</exception>
        public static Table Read(TableLocation location, TableSourceOptions? options = null, CancellationToken cancellationToken = default) =>
            TableIO.Read(location, options, cancellationToken);

        /// <summary>Reads the table at <paramref name="location"/> on the thread pool.</summary>
        /// <exception cref="DataFormatException">The table cannot be found or read, or has no rows.</exception>
        public static Task<Table> ReadAsync(TableLocation location, TableSourceOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.Run(() => TableIO.Read(location, options, cancellationToken), cancellationToken);

        /// <summary>Writes the table as CSV, whole or not at all (through a temporary file).</summary>
        public void WriteCsv(string path, CsvWriteOptions? options = null) =>
            TableIO.Write(TableLocation.File(CsvPath(path)), table, new TableSinkOptions { Csv = options });

        /// <summary>Writes the table as Parquet with its Doppel schema in the file's metadata.</summary>
        public void WriteParquet(string path) => TableIO.Write(ParquetLocation(path), table);

        /// <summary>Writes the table into the SQLite database <paramref name="path"/> (created if missing) in one transaction.</summary>
        /// <param name="path">The database file.</param>
        /// <param name="name">The table to create.</param>
        /// <param name="replace">Replace an existing table of that name; otherwise an existing table is refused.</param>
        /// <exception cref="DoppelException">The table exists and <paramref name="replace"/> is false.</exception>
        public void WriteSqlite(string path, string name, bool replace = false) =>
            TableIO.Write(TableLocation.Sqlite(path, name), table, new TableSinkOptions { Replace = replace });

        /// <summary>Writes the table to <paramref name="location"/>; nothing is visible until every row is written.</summary>
        /// <exception cref="DoppelException">A database table exists and replacing was not asked for, or a database cannot be reached.</exception>
        public void Write(TableLocation location, TableSinkOptions? options = null) => TableIO.Write(location, table, options);

        /// <summary>Writes the table to <paramref name="location"/> on the thread pool.</summary>
        public Task WriteAsync(TableLocation location, TableSinkOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.Run(() => TableIO.Write(location, table, options), cancellationToken);
    }

    private static string CsvPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return TableLocation.File(path).Kind == TableLocationKind.Csv
            ? path
            : throw new ArgumentException($"'{path}' is a Parquet file; use ReadParquet or WriteParquet", nameof(path));
    }

    private static TableLocation ParquetLocation(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var location = TableLocation.File(path);
        return location.Kind == TableLocationKind.Parquet
            ? location
            : throw new ArgumentException($"'{path}' does not end in .parquet or .pq", nameof(path));
    }
}
