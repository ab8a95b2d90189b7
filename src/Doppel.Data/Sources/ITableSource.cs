namespace Doppel.Data;

/// <summary>
/// A table read in batches (row groups, pages) so that memory does not grow with the row count. Open one through
/// <see cref="TableIO.OpenSource(TableLocation, TableSourceOptions?)"/>; dispose it to release the file or connection.
/// </summary>
internal interface ITableSource : IDisposable
{
    /// <summary>Where the rows come from, for messages (never holds a password).</summary>
    string Description { get; }

    /// <summary>The schema every batch has.</summary>
    TableSchema Schema { get; }

    /// <summary>
    /// Streams the rows in order, in batches of at most <paramref name="batchRows"/> rows (a format may cut batches
    /// smaller, for example at a row-group boundary). Each call starts from the first row.
    /// </summary>
    /// <param name="batchRows">The most rows per batch; positive.</param>
    /// <param name="cancellationToken">Stops the read between batches.</param>
    /// <exception cref="DataFormatException">A value does not fit its column.</exception>
    IEnumerable<Table> ReadBatches(int batchRows, CancellationToken cancellationToken = default);
}
