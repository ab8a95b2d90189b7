using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// Reads layer widths as a JSON array (<c>[256, 256]</c>), a single number (<c>256</c>) or text separated by commas
/// or dashes (<c>"256-1024-256"</c>, as <c>--set layers=256-1024-256</c> gives it); writes an array.
/// </summary>
internal sealed class LayersJsonConverter : JsonConverter<ImmutableArray<int>>
{
    public override ImmutableArray<int> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return [reader.GetInt32()];
            case JsonTokenType.String:
                var parts = reader.GetString()!.Split([',', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
                var widths = new int[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]))
                    {
                        throw new JsonException($"'{parts[i]}' is not a layer width");
                    }
                }

                return [.. widths];
            case JsonTokenType.StartArray:
                var list = ImmutableArray.CreateBuilder<int>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(reader.GetInt32());
                }

                return list.ToImmutable();
            default:
                throw new JsonException("layers must be an array of widths or text such as 256-256");
        }
    }

    public override void Write(Utf8JsonWriter writer, ImmutableArray<int> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var width in value.IsDefault ? [] : value)
        {
            writer.WriteNumberValue(width);
        }

        writer.WriteEndArray();
    }
}
