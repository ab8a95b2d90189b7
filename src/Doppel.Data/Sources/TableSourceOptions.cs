namespace Doppel.Data;

/// <summary>How <see cref="TableIO.OpenSource"/> reads a table.</summary>
public sealed record TableSourceOptions
{
    /// <summary>CSV settings (missing tokens, separator, overrides); null for the defaults. Ignored for other formats.</summary>
    public CsvReadOptions? Csv { get; init; }

    /// <summary>A schema to read with instead of the stored or inferred one; the source's columns must match it by name and order.</summary>
    public TableSchema? Schema { get; init; }
}
