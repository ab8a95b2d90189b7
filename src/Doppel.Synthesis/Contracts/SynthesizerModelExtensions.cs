using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>Conveniences over <see cref="ISynthesizerModel"/>.</summary>
internal static class SynthesizerModelExtensions
{
    /// <summary>Samples <paramref name="rows"/> rows into one table.</summary>
    public static Table Sample(this ISynthesizerModel model, int rows, SampleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        return TableConcat.Concat(model.SampleBatches(rows, options ?? new SampleOptions(), cancellationToken).ToList());
    }

    /// <summary>Saves the model to <paramref name="path"/> atomically.</summary>
    public static void Save(this ISynthesizerModel model, string path) => ModelFile.Save(model, path);

    /// <summary>Saves the model to <paramref name="stream"/>.</summary>
    public static void Save(this ISynthesizerModel model, Stream stream) => ModelFile.Save(model, stream);
}
