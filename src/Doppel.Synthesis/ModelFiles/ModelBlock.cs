using System.Text.Json.Serialization;

namespace Doppel.Synthesis;

/// <summary>The element type of a model block.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelBlockKind>))]
internal enum ModelBlockKind
{
    Json,
    Float32,
    Float64,
    Int32,
    Int64,
}

/// <summary>One named block of a model file.</summary>
internal sealed record ModelBlock(string Name, ModelBlockKind Kind, int[] Shape, byte[] Bytes)
{
    public static int ElementSize(ModelBlockKind kind) => kind switch
    {
        ModelBlockKind.Float32 or ModelBlockKind.Int32 => 4,
        ModelBlockKind.Float64 or ModelBlockKind.Int64 => 8,
        _ => 1,
    };

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 &&
        !name.Contains("..", StringComparison.Ordinal) &&
        name[0] != '/' &&
        name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.' or '/');
}
