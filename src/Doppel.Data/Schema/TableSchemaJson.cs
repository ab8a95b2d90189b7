using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doppel.Data;

/// <summary>Reads and writes a <see cref="TableSchema"/> as JSON (the format of <c>doppel schema</c> and of model manifests).</summary>
public static class TableSchemaJson
{
    /// <summary>The schema as indented JSON with a fixed property order.</summary>
    public static string Serialize(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var document = new SchemaDocument([.. schema.Columns.Select(c => new SchemaColumn(c.Name, c.Kind, c.IsNullable, c.Format))]);
        return JsonSerializer.Serialize(document, SchemaJsonContext.Default.SchemaDocument);
    }

    /// <summary>Parses a schema; <paramref name="source"/> names the file in error messages.</summary>
    /// <exception cref="DataFormatException">The JSON is malformed or names an unknown kind.</exception>
    public static TableSchema Deserialize(string json, string source)
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

        return new TableSchema([.. document.Columns.Select(c => new ColumnSchema(c.Name, c.Kind) { IsNullable = c.Nullable, Format = c.Format })]);
    }

    internal sealed record SchemaDocument(ImmutableArray<SchemaColumn> Columns);

    internal sealed record SchemaColumn(string Name, ColumnKind Kind, bool Nullable, string? Format);
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TableSchemaJson.SchemaDocument))]
internal sealed partial class SchemaJsonContext : JsonSerializerContext;
