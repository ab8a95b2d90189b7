using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doppel.Data;

/// <summary>Reads and writes a <see cref="TableSchema"/> as JSON (the format of <c>doppel schema</c> and of model manifests).</summary>
internal static class TableSchemaJson
{
    /// <summary>The schema as indented JSON with a fixed property order.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="missingTokens">The missing tokens the data was read with, stored as <c>missing_tokens</c>; null leaves them out.</param>
    public static string Serialize(TableSchema schema, IReadOnlyList<string>? missingTokens = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var document = new SchemaDocument(
            missingTokens?.ToArray(),
            [.. schema.Columns.Select(c => new SchemaColumn(c.Name, c.Kind, c.IsNullable, c.Format, c.IsDiscrete ? true : null))]);
        return JsonSerializer.Serialize(document, SchemaJsonContext.Default.SchemaDocument);
    }

    /// <summary>Parses a schema; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="DataFormatException">The JSON is malformed or names an unknown kind.</exception>
    public static TableSchema Deserialize(string json, string source) => DeserializeDocument(json, source).Schema;

    /// <summary>Parses a schema file's text: the schema and, when present, its missing tokens.</summary>
    /// <exception cref="DataFormatException">The JSON is malformed, names an unknown kind, or repeats a column.</exception>
    internal static (TableSchema Schema, IReadOnlyList<string>? MissingTokens) DeserializeDocument(string json, string source)
    {
        SchemaDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, SchemaJsonContext.Default.SchemaDocument);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, e.LineNumber + 1, null, $"not a valid schema: {e.Message}", e);
        }

        if (document?.Columns is null)
        {
            throw new DataFormatException(source, null, null, "not a valid schema: expected an object with a \"columns\" array.");
        }

        try
        {
            var schema = new TableSchema([.. document.Columns.Select(c => new ColumnSchema(c.Name, c.Kind)
            {
                IsNullable = c.Nullable,
                Format = c.Format,
                IsDiscrete = c.Discrete == true,
            })]);
            return (schema, document.MissingTokens);
        }
        catch (SchemaException e)
        {
            throw new DataFormatException(source, null, e.Column.Length == 0 ? null : e.Column, $"not a valid schema: {e.Message}", e);
        }
    }

    internal sealed record SchemaDocument(string[]? MissingTokens, ImmutableArray<SchemaColumn> Columns);

    internal sealed record SchemaColumn(string Name, ColumnKind Kind, bool Nullable, string? Format, bool? Discrete = null);
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TableSchemaJson.SchemaDocument))]
internal sealed partial class SchemaJsonContext : JsonSerializerContext;
