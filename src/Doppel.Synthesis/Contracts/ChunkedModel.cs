using System.Collections.Immutable;
using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// The sampling machinery most models share. Rows are made in fixed chunks of <see cref="ChunkRows"/>:
/// chunk <c>k</c> holds rows <c>k·ChunkRows ..</c> and is drawn from the stream <c>Rng(seed).Fork("sample", k)</c>,
/// so any range of rows (a batch, a shard, a thread's share) is the same whatever the batch size or split.
/// Conditions go through <see cref="SampleConditionedChunk"/>, which by default rejects rows in growing
/// batches; models that can condition exactly override it. Identifier columns are filled with fresh values
/// derived from the absolute row index, so they are unique across shards.
/// </summary>
internal abstract class ChunkedModel : ISynthesizerModel
{
    /// <summary>Rows per chunk: the unit of reproducibility.</summary>
    public const int ChunkRows = 4096;

    /// <summary>Rejection sampling gives up when fewer than this share of rows are accepted.</summary>
    public const double MinimumAcceptance = 1e-4;

    /// <inheritdoc />
    public abstract string SynthesizerName { get; }

    /// <inheritdoc />
    public abstract TableSchema Schema { get; }

    /// <inheritdoc />
    public abstract ulong FitSeed { get; }

    /// <inheritdoc />
    public abstract void Write(ModelWriter writer);

    /// <inheritdoc />
    public IEnumerable<Table> SampleBatches(long rows, SampleOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(options.FirstRow);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        var conditions = CompileConditions(options.Conditions);
        return Stream(rows, options, conditions, cancellationToken);
    }

    /// <summary>Checks <paramref name="conditions"/> against the schema and the labels the model learned.</summary>
    /// <exception cref="InvalidOptionsException">See <see cref="ConditionSet.Compile"/>.</exception>
    public ConditionSet CompileConditions(ImmutableArray<Condition> conditions) => ConditionSet.Compile(conditions, Schema, CategoryLabels());

    /// <summary>Draws <paramref name="rows"/> unconditioned rows from <paramref name="rng"/>. Must not change the model.</summary>
    protected abstract Table SampleChunk(int rows, Rng rng);

    /// <summary>The labels of each categorical column, by name, so conditions can be checked before sampling.</summary>
    protected abstract IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels();

    /// <summary>
    /// Draws exactly <paramref name="rows"/> rows that meet <paramref name="conditions"/>. The default draws
    /// candidate batches from forks of <paramref name="rng"/>, keeps those that pass and grows the batch by the
    /// observed acceptance rate.
    /// </summary>
    /// <exception cref="DoppelException">The acceptance rate is below <see cref="MinimumAcceptance"/>.</exception>
    protected virtual Table SampleConditionedChunk(int rows, ConditionSet conditions, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(rng);
        var kept = new List<Table>();
        var have = 0;
        long tried = 0;
        var batch = rows;
        for (var attempt = 0; have < rows; attempt++)
        {
            var candidates = SampleChunk(batch, rng.Fork("reject", attempt));
            tried += candidates.RowCount;
            var mask = conditions.Evaluate(candidates);
            var accepted = Enumerable.Range(0, mask.Length).Where(i => mask[i]).Take(rows - have).ToArray();
            if (accepted.Length > 0)
            {
                kept.Add(candidates.Take(accepted));
                have += accepted.Length;
            }

            var rate = (double)(have + 1) / tried;
            if (have < rows && tried >= 10_000 && have < tried * MinimumAcceptance)
            {
                throw new DoppelException(
                    $"the conditions {string.Join(", ", conditions.Conditions)} accepted {have} of {tried} generated rows; " +
                    "they describe rows this model almost never makes. Loosen them or use a model that conditions exactly.");
            }

            batch = (int)Math.Clamp((rows - have) / rate * 1.2, 256, 1 << 20);
        }

        return TableConcat.Concat(kept);
    }

    private IEnumerable<Table> Stream(long rows, SampleOptions options, ConditionSet conditions, CancellationToken cancellationToken)
    {
        var root = new Rng(options.Seed);
        var first = options.FirstRow;
        var end = first + rows;
        var pending = new List<Table>();
        var pendingRows = 0;
        for (var chunk = first / ChunkRows; chunk * ChunkRows < end; chunk++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunkStart = chunk * ChunkRows;
            var rng = root.Fork("sample", chunk);
            var table = conditions.IsEmpty ? SampleChunk(ChunkRows, rng) : SampleConditionedChunk(ChunkRows, conditions, rng);
            var from = (int)Math.Max(0, first - chunkStart);
            var to = (int)Math.Min(ChunkRows, end - chunkStart);
            if (from > 0 || to < ChunkRows)
            {
                table = table.Slice(from, to - from);
            }

            table = FillIdentifiers(table, chunkStart + from);
            pending.Add(table);
            pendingRows += table.RowCount;
            while (pendingRows >= options.BatchSize)
            {
                var joined = TableConcat.Concat(pending);
                yield return joined.Slice(0, options.BatchSize);
                pending.Clear();
                pendingRows = joined.RowCount - options.BatchSize;
                if (pendingRows > 0)
                {
                    pending.Add(joined.Slice(options.BatchSize, pendingRows));
                }
            }
        }

        if (pendingRows > 0)
        {
            yield return TableConcat.Concat(pending);
        }
    }

    /// <summary>Replaces identifier columns with fresh values numbered by absolute row: <c>1, 2, ...</c>.</summary>
    private static Table FillIdentifiers(Table table, long firstRow)
    {
        if (!table.Schema.Columns.Any(c => c.Kind == ColumnKind.Identifier))
        {
            return table;
        }

        var columns = table.Columns.Select(column => column.Kind != ColumnKind.Identifier
            ? column
            : new IdentifierColumn(column.Name, [.. Enumerable.Range(0, table.RowCount)
                .Select(i => (firstRow + i + 1).ToString(CultureInfo.InvariantCulture))]));
        return new Table(table.Schema, columns);
    }
}
