using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Doppel.Data;

namespace Doppel.Evaluation.Json;

/// <summary>
/// Writes a <see cref="QualityReport"/> as the stable evaluation document described in <c>docs/EVALUATION.md</c>:
/// snake_case keys in a fixed order, every key always present, and no NaN or infinity ever (a number that cannot
/// be computed is <c>null</c>, with the reason under the nearest <c>reasons</c> map or <c>reason</c> key).
/// The same report always gives the same bytes.
/// </summary>
internal static class QualityReportJson
{
    /// <summary>The document as indented UTF-8 text.</summary>
    public static string Serialize(QualityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, EvaluationJsonContext.Default.QualityReport);
    }

    /// <summary>Writes the document to <paramref name="stream"/> as UTF-8, ending with a newline.</summary>
    public static void Write(QualityReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = Encoding.UTF8.GetBytes(Serialize(report) + "\n");
        stream.Write(bytes);
    }

    /// <summary>Writes the document to <paramref name="path"/> atomically (whole or not at all).</summary>
    public static void WriteFile(QualityReport report, string path) => AtomicFile.Write(path, s => Write(report, s));
}

/// <summary>Writes non-finite numbers as null, so the document never holds NaN whatever a metric returns.</summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => false;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FiniteDoubleConverter)])]
[JsonSerializable(typeof(QualityReport))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
