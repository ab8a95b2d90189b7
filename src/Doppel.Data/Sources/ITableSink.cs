namespace Doppel.Data;

/// <summary>
/// A destination that takes a table in batches. Nothing is visible at the destination until <see cref="Complete"/>:
/// files are written through <see cref="AtomicFile"/>, databases inside one transaction. Disposing a sink that was
/// not completed discards everything written to it and leaves the previous destination untouched.
/// </summary>
internal interface ITableSink : IDisposable
{
    /// <summary>Where the rows go, for messages (never holds a password).</summary>
    string Description { get; }

    /// <summary>The schema every batch must have.</summary>
    TableSchema Schema { get; }

    /// <summary>The number of rows written so far.</summary>
    long RowsWritten { get; }

    /// <summary>Appends <paramref name="batch"/>, whose columns must match <see cref="Schema"/> by name and kind.</summary>
    /// <exception cref="ArgumentException">The batch has other columns.</exception>
    void WriteBatch(Table batch);

    /// <summary>Makes everything written visible at once (moves the file into place, commits the transaction).</summary>
    void Complete();
}
