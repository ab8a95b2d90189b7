using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// A fitted synthesizer: immutable, self-contained (sampling never needs the training data) and safe to
/// sample from several threads at once. It exists only after a fit or a load.
/// </summary>
internal interface ISynthesizerModel
{
    /// <summary>The registry name of the synthesizer that made it.</summary>
    string SynthesizerName { get; }

    /// <summary>The schema of the rows it generates (that of the training table).</summary>
    TableSchema Schema { get; }

    /// <summary>The seed the fit used (stored in the model file so the run can be replayed).</summary>
    ulong FitSeed { get; }

    /// <summary>
    /// Streams <paramref name="rows"/> rows in batches of at most <see cref="SampleOptions.BatchSize"/>.
    /// Row <c>i</c> (counting from <see cref="SampleOptions.FirstRow"/>) depends only on the seed and <c>i</c>,
    /// never on the batch size, thread count or sharding.
    /// </summary>
    IEnumerable<Table> SampleBatches(long rows, SampleOptions options, CancellationToken cancellationToken = default);

    /// <summary>Writes the model's own blocks; <see cref="ModelFile"/> adds the manifest around them.</summary>
    void Write(ModelWriter writer);
}
