using Doppel.Neural;

namespace Doppel.Synthesis;

/// <summary>
/// Saves and loads a neural <see cref="Module"/>'s named tensors (parameters and running statistics) as model-file
/// blocks. Layout: one float32 block per tensor, named <c>{prefix}/{tensor name}</c> (for example
/// <c>generator/0.fc.weight</c>), shape <c>[rows, cols]</c>, values row-major little-endian.
/// </summary>
internal static class ModuleBlocks
{
    /// <summary>Writes every tensor of <paramref name="module"/> under <paramref name="prefix"/>.</summary>
    public static void Write(ModelWriter writer, string prefix, Module module)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(module);
        foreach (var t in module.State())
        {
            writer.WriteFloats(prefix + "/" + t.Name, t.Tensor.Span, t.Tensor.Rows, t.Tensor.Cols);
        }
    }

    /// <summary>
    /// Reads every tensor of <paramref name="module"/> from the blocks under <paramref name="prefix"/>, in place.
    /// The module must be built with the same shapes it was saved with.
    /// </summary>
    /// <exception cref="ModelFileException">A block is missing or its shape differs from the module's.</exception>
    public static void Read(ModelReader reader, string prefix, Module module)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(module);
        foreach (var t in module.State())
        {
            reader.ReadFloats(prefix + "/" + t.Name, t.Tensor.Rows, t.Tensor.Cols).CopyTo(t.Tensor.Span);
        }
    }
}
