using System.Runtime.CompilerServices;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel;

/// <summary>
/// A fitted synthesizer: immutable, self-contained (sampling never needs the training data) and safe to sample
/// from several threads at once. Made by <see cref="Synthesizer.Fit"/> or <see cref="Load(string)"/>.
/// Row <c>i</c> of a sample depends only on the seed and <c>i</c>, so the same seed gives the same rows whatever
/// the batch size.
/// </summary>
public sealed class SynthesizerModel
{
    /// <summary>Wraps a fitted model.</summary>
    internal SynthesizerModel(ISynthesizerModel inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The command-line name of the synthesizer that made it.</summary>
    public string SynthesizerName => Inner.SynthesizerName;

    /// <summary>The schema of the rows it generates: that of the training table.</summary>
    public TableSchema Schema => Inner.Schema;

    /// <summary>The seed the fit used.</summary>
    public ulong FitSeed => Inner.FitSeed;

    /// <summary>The underlying model.</summary>
    internal ISynthesizerModel Inner { get; }

    /// <summary>Loads a model file written by <see cref="Save(string)"/> or <c>doppel fit</c>.</summary>
    /// <exception cref="ModelFileException">The file is missing, truncated, foreign, from a newer version, or tampered with.</exception>
    public static SynthesizerModel Load(string path) => new(ModelFile.Load(path, BuiltInSynthesizers.Registry));

    /// <summary>Loads a model from <paramref name="stream"/>; <paramref name="name"/> names it in error messages.</summary>
    /// <exception cref="ModelFileException">The stream does not hold a valid model file.</exception>
    public static SynthesizerModel Load(Stream stream, string name = "model stream") =>
        new(ModelFile.Load(stream, name, BuiltInSynthesizers.Registry));

    /// <summary>Loads a model file on the thread pool.</summary>
    /// <exception cref="ModelFileException">As for <see cref="Load(string)"/>.</exception>
    public static Task<SynthesizerModel> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Task.Run(() => Load(path), cancellationToken);

    /// <summary>Draws <paramref name="rows"/> rows into one table.</summary>
    /// <param name="rows">How many rows (at least 1).</param>
    /// <param name="seed">The sample's seed; the same seed gives the same rows.</param>
    /// <param name="cancellationToken">Stops between chunks of rows.</param>
    public Table Sample(int rows, ulong seed = 0, CancellationToken cancellationToken = default) =>
        Sample(rows, new SampleOptions { Seed = seed }, cancellationToken);

    /// <summary>
    /// Draws <paramref name="rows"/> rows with full settings: seed, batch size, first row of a shard, and
    /// conditions every row must meet, for example <c>new SampleOptions { Seed = 1, Conditions = [Condition.Parse("age&gt;=40")] }</c>.
    /// </summary>
    /// <exception cref="SchemaException">A condition names no column or a label the model does not know.</exception>
    /// <exception cref="DoppelException">The conditions describe rows the model almost never makes.</exception>
    public Table Sample(int rows, SampleOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Inner.Sample(rows, options, cancellationToken);
    }

    /// <summary>Draws <paramref name="rows"/> rows into one table on the thread pool, reporting after each batch.</summary>
    public Task<Table> SampleAsync(int rows, SampleOptions? options = null, IProgress<SampleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        return Task.Run(
            () =>
            {
                var batches = new List<Table>();
                long done = 0;
                foreach (var batch in SampleBatches(rows, options, cancellationToken))
                {
                    batches.Add(batch);
                    done += batch.RowCount;
                    progress?.Report(new SampleProgress(done, rows));
                }

                return TableConcat.Concat(batches);
            },
            cancellationToken);
    }

    /// <summary>Streams <paramref name="rows"/> rows in batches of at most <see cref="SampleOptions.BatchSize"/>, so memory stays bounded.</summary>
    public IEnumerable<Table> SampleBatches(long rows, SampleOptions? options = null, CancellationToken cancellationToken = default) =>
        Inner.SampleBatches(rows, options ?? new SampleOptions(), cancellationToken);

    /// <summary>
    /// Streams <paramref name="rows"/> rows asynchronously: each batch is drawn on the thread pool, so
    /// <c>await foreach</c> never blocks the caller. The rows are those of <see cref="SampleBatches"/>.
    /// </summary>
    public async IAsyncEnumerable<Table> SampleBatchesAsync(long rows, SampleOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var batches = SampleBatches(rows, options, cancellationToken).GetEnumerator();
        while (await Task.Run(batches.MoveNext, cancellationToken))
        {
            yield return batches.Current;
        }
    }

    /// <summary>
    /// Streams <paramref name="rows"/> rows into <paramref name="location"/> (CSV, Parquet, SQLite or PostgreSQL) in
    /// bounded memory; nothing is visible there until every row is written.
    /// </summary>
    /// <exception cref="DoppelException">A database table exists and replacing was not asked for, or a database cannot be reached.</exception>
    public void SampleTo(TableLocation location, long rows, SampleOptions? options = null, TableSinkOptions? sinkOptions = null, IProgress<SampleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        using var sink = TableIO.CreateSink(location, Schema, sinkOptions);
        long done = 0;
        foreach (var batch in SampleBatches(rows, options, cancellationToken))
        {
            sink.WriteBatch(batch);
            done += batch.RowCount;
            progress?.Report(new SampleProgress(done, rows));
        }

        cancellationToken.ThrowIfCancellationRequested();
        sink.Complete();
    }

    /// <summary>As <see cref="SampleTo"/>, on the thread pool.</summary>
    public Task SampleToAsync(TableLocation location, long rows, SampleOptions? options = null, TableSinkOptions? sinkOptions = null, IProgress<SampleProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => SampleTo(location, rows, options, sinkOptions, progress, cancellationToken), cancellationToken);

    /// <summary>Saves the model file to <paramref name="path"/> whole or not at all; the same model gives the same bytes.</summary>
    public void Save(string path) => ModelFile.Save(Inner, path);

    /// <summary>Writes the model file to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => ModelFile.Save(Inner, stream);

    /// <summary>Saves the model file on the thread pool.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        Task.Run(() => Save(path), cancellationToken);

    /// <summary>The synthesizer's name.</summary>
    public override string ToString() => SynthesizerName;
}
