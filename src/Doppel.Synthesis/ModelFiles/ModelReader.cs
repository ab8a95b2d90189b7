using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// Reads a model's blocks after <see cref="ModelFile"/> has verified the manifest and every hash.
/// Each read checks the block's kind and shape; a mismatch is a <see cref="ModelFileException"/>.
/// </summary>
internal sealed class ModelReader
{
    private readonly Dictionary<string, ModelBlock> _blocks;

    internal ModelReader(string file, TableSchema schema, ulong seed, IEnumerable<ModelBlock> blocks)
    {
        File = file;
        Schema = schema;
        Seed = seed;
        _blocks = blocks.ToDictionary(b => b.Name, StringComparer.Ordinal);
    }

    /// <summary>The file being read, for messages.</summary>
    public string File { get; }

    /// <summary>The schema stored in the manifest.</summary>
    public TableSchema Schema { get; }

    /// <summary>The fit seed stored in the manifest.</summary>
    public ulong Seed { get; }

    /// <summary>Whether a block called <paramref name="name"/> exists.</summary>
    public bool Has(string name) => _blocks.ContainsKey(name);

    /// <summary>Reads the JSON block <paramref name="name"/>.</summary>
    /// <exception cref="ModelFileException">Missing, not JSON, or not of the expected form.</exception>
    public T ReadJson<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        var block = Get(name, ModelBlockKind.Json);
        try
        {
            return JsonSerializer.Deserialize(block.Bytes, typeInfo) ?? throw Error($"block '{name}' is empty");
        }
        catch (JsonException e)
        {
            throw new ModelFileException(File, $"block '{name}' is not of the expected form: {e.Message}", e);
        }
    }

    /// <summary>Reads the float32 block <paramref name="name"/> and checks its shape when <paramref name="expectedShape"/> is given.</summary>
    public float[] ReadFloats(string name, params int[] expectedShape) => Read<float>(name, ModelBlockKind.Float32, expectedShape);

    /// <summary>Reads the float64 block <paramref name="name"/>.</summary>
    public double[] ReadDoubles(string name, params int[] expectedShape) => Read<double>(name, ModelBlockKind.Float64, expectedShape);

    /// <summary>Reads the int32 block <paramref name="name"/>.</summary>
    public int[] ReadInts(string name, params int[] expectedShape) => Read<int>(name, ModelBlockKind.Int32, expectedShape);

    /// <summary>Reads the int64 block <paramref name="name"/>.</summary>
    public long[] ReadLongs(string name, params int[] expectedShape) => Read<long>(name, ModelBlockKind.Int64, expectedShape);

    /// <summary>The stored shape of block <paramref name="name"/>.</summary>
    public IReadOnlyList<int> ShapeOf(string name) => _blocks.TryGetValue(name, out var b) ? b.Shape : throw Error($"block '{name}' is missing");

    /// <summary>An error about this file, for a model's own checks.</summary>
    public ModelFileException Error(string problem) => new(File, problem);

    private T[] Read<T>(string name, ModelBlockKind kind, int[] expectedShape)
        where T : struct
    {
        var block = Get(name, kind);
        if (expectedShape.Length > 0 && !expectedShape.SequenceEqual(block.Shape))
        {
            throw Error($"block '{name}' has shape [{string.Join(", ", block.Shape)}], expected [{string.Join(", ", expectedShape)}]");
        }

        return MemoryMarshal.Cast<byte, T>(block.Bytes).ToArray();
    }

    private ModelBlock Get(string name, ModelBlockKind kind)
    {
        if (!_blocks.TryGetValue(name, out var block))
        {
            throw Error($"block '{name}' is missing");
        }

        return block.Kind == kind ? block : throw Error($"block '{name}' holds {block.Kind}, expected {kind}");
    }
}
