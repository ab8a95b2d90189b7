namespace Doppel.Data;

/// <summary>How <see cref="CsvTableWriter"/> writes a table.</summary>
public sealed record CsvWriteOptions
{
    /// <summary>The field separator. Default: comma.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>The text written for a missing value. Default: the empty cell.</summary>
    public string MissingText { get; init; } = "";
}
