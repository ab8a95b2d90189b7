namespace Doppel.Data;

/// <summary>Checks shared by every <see cref="ITableSink"/>.</summary>
internal static class SinkChecks
{
    /// <summary>Refuses a batch whose columns differ from <paramref name="schema"/> by name or kind.</summary>
    /// <exception cref="ArgumentException">The columns differ.</exception>
    public static void Matches(TableSchema schema, Table batch)
    {
        if (batch.ColumnCount != schema.Count)
        {
            throw new ArgumentException($"the batch has {batch.ColumnCount} columns, the sink's schema {schema.Count}", nameof(batch));
        }

        for (var i = 0; i < schema.Count; i++)
        {
            if (batch.Schema.Columns[i].Name != schema.Columns[i].Name || batch.Schema.Columns[i].Kind != schema.Columns[i].Kind)
            {
                throw new ArgumentException(
                    $"batch column {i} is '{batch.Schema.Columns[i].Name}' ({batch.Schema.Columns[i].Kind}) but the sink expects '{schema.Columns[i].Name}' ({schema.Columns[i].Kind})",
                    nameof(batch));
            }
        }
    }
}
