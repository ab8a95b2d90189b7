using System.Collections.Immutable;

namespace Doppel.Data;

/// <summary>How <see cref="CsvTableReader"/> reads a CSV file. Every property has a working default.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The missing tokens used when none are given: the empty cell and <c>NA</c>.</summary>
    public static ImmutableArray<string> DefaultMissingTokens { get; } = ["", "NA"];

    /// <summary>
    /// Cells that mean "no value". A cell is missing when its text, with surrounding spaces and tabs removed, equals
    /// one of these tokens (case-sensitive). Default: the empty cell and <c>NA</c>; a file written with <c>?</c>
    /// for missing values needs <c>["", "?"]</c>. Missing cells are written back as the empty cell.
    /// </summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = DefaultMissingTokens;

    /// <summary>The field separator; null (the default) detects it from the header among comma, semicolon, tab and pipe.</summary>
    public char? Separator { get; init; }

    /// <summary>
    /// A schema to read with instead of inferring one: the header must list exactly its columns, in order, and
    /// every value must fit its column's kind. Null (the default) infers the schema from the values.
    /// </summary>
    public TableSchema? Schema { get; init; }

    /// <summary>Column kinds the user asks for, applied on top of the inferred (or given) schema. Null = none.</summary>
    public SchemaOverrides? Overrides { get; init; }
}
