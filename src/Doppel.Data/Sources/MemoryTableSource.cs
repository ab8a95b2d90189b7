namespace Doppel.Data;

/// <summary>An <see cref="ITableSource"/> over a table already in memory (for tests and for callers that hold one).</summary>
/// <param name="table">The rows.</param>
/// <param name="description">How messages name the table.</param>
internal sealed class MemoryTableSource(Table table, string description = "the table") : ITableSource
{
    /// <inheritdoc />
    public string Description { get; } = description;

    /// <inheritdoc />
    public TableSchema Schema { get; } = (table ?? throw new ArgumentNullException(nameof(table))).Schema;

    /// <inheritdoc />
    public IEnumerable<Table> ReadBatches(int batchRows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        for (var start = 0; start < table.RowCount; start += batchRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return table.Slice(start, Math.Min(batchRows, table.RowCount - start));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing is held but the table.
    }
}
