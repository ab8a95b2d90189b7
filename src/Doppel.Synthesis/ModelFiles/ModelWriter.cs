using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Doppel.Synthesis;

/// <summary>
/// Collects a model's named blocks: JSON documents (options, small state) and little-endian arrays with shapes.
/// <see cref="ModelFile"/> writes them into the zip and lists each with its SHA-256 in the manifest.
/// </summary>
internal sealed class ModelWriter
{
    private readonly List<ModelBlock> _blocks = [];

    internal ModelWriter()
    {
    }

    internal IReadOnlyList<ModelBlock> Blocks => _blocks;

    /// <summary>Writes <paramref name="value"/> as the JSON block <paramref name="name"/>.</summary>
    public void WriteJson<T>(string name, T value, JsonTypeInfo<T> typeInfo) =>
        Add(name, ModelBlockKind.Json, [], JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>Writes a float32 array with its <paramref name="shape"/> (the product of the shape must be the length).</summary>
    public void WriteFloats(string name, ReadOnlySpan<float> values, params int[] shape) =>
        Add(name, ModelBlockKind.Float32, CheckShape(values.Length, shape), MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>Writes a float64 array with its <paramref name="shape"/>.</summary>
    public void WriteDoubles(string name, ReadOnlySpan<double> values, params int[] shape) =>
        Add(name, ModelBlockKind.Float64, CheckShape(values.Length, shape), MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>Writes an int32 array with its <paramref name="shape"/>.</summary>
    public void WriteInts(string name, ReadOnlySpan<int> values, params int[] shape) =>
        Add(name, ModelBlockKind.Int32, CheckShape(values.Length, shape), MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>Writes an int64 array with its <paramref name="shape"/>.</summary>
    public void WriteLongs(string name, ReadOnlySpan<long> values, params int[] shape) =>
        Add(name, ModelBlockKind.Int64, CheckShape(values.Length, shape), MemoryMarshal.AsBytes(values).ToArray());

    private static int[] CheckShape(int length, int[] shape)
    {
        if (shape.Length == 0)
        {
            return [length];
        }

        long product = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d);
            product *= d;
        }

        return product == length ? shape : throw new ArgumentException($"shape [{string.Join(", ", shape)}] does not hold {length} values", nameof(shape));
    }

    private void Add(string name, ModelBlockKind kind, int[] shape, byte[] bytes)
    {
        if (!ModelBlock.IsValidName(name))
        {
            throw new ArgumentException($"block name '{name}' must be 1-100 characters of a-z, 0-9, '_', '-', '.' and '/'", nameof(name));
        }

        if (_blocks.Any(b => b.Name == name))
        {
            throw new ArgumentException($"block '{name}' written twice", nameof(name));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("model files are little-endian");
        }

        _blocks.Add(new ModelBlock(name, kind, shape, bytes));
    }
}
