using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// Draws a model's rows on several threads and hands the batches back in row order, so a sink can write while the
/// next batches are made. Rows depend only on (seed, row index), so the result is the same whatever the thread count.
/// </summary>
internal static class ParallelSampling
{
    /// <summary>
    /// Streams rows <see cref="SampleOptions.FirstRow"/> to <see cref="SampleOptions.FirstRow"/> + <paramref name="rows"/> − 1
    /// in batches cut at multiples of <see cref="SampleOptions.BatchSize"/> (absolute row indices), at most
    /// 2 × <paramref name="parallelism"/> batches in flight, so memory stays bounded.
    /// </summary>
    /// <param name="model">A fitted model (models are safe to sample from several threads).</param>
    /// <param name="rows">How many rows.</param>
    /// <param name="options">Seed, batch size, first row and conditions.</param>
    /// <param name="parallelism">Threads drawing batches; 1 draws on the caller's thread only.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static IEnumerable<Table> SampleBatches(ISynthesizerModel model, long rows, SampleOptions options, int parallelism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        return parallelism == 1 ? model.SampleBatches(rows, options, cancellationToken) : Stream(model, rows, options, parallelism, cancellationToken);
    }

    /// <summary>The rows of shard <paramref name="index"/> of <paramref name="count"/>: start and length within 0..<paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in 0..count-1.</exception>
    public static (long First, long Rows) Shard(long rows, int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var first = (long)((Int128)rows * index / count);
        var end = (long)((Int128)rows * (index + 1) / count);
        return (first, end - first);
    }

    private static IEnumerable<Table> Stream(ISynthesizerModel model, long rows, SampleOptions options, int parallelism, CancellationToken cancellationToken)
    {
        var ranges = Ranges(options.FirstRow, rows, options.BatchSize).GetEnumerator();
        var inFlight = new Queue<Task<Table>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                while (inFlight.Count < 2 * parallelism && ranges.MoveNext())
                {
                    var (first, count) = ranges.Current;
                    var batchOptions = options with { FirstRow = first, BatchSize = count };
                    inFlight.Enqueue(Task.Run(() => model.SampleBatches(count, batchOptions, stop.Token).Single(), stop.Token));
                }

                if (inFlight.Count == 0)
                {
                    yield break;
                }

                yield return inFlight.Dequeue().GetAwaiter().GetResult();
            }
        }
        finally
        {
            // A consumer that stops early (or fails) leaves no batch running behind it.
            stop.Cancel();
            foreach (var task in inFlight)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Cancelled or failed batches are abandoned on purpose.
                }
            }

            ranges.Dispose();
        }
    }

    private static IEnumerable<(long First, int Count)> Ranges(long first, long rows, int batch)
    {
        var end = first + rows;
        for (var start = first; start < end;)
        {
            var next = Math.Min(end, ((start / batch) + 1) * batch);
            yield return (start, (int)(next - start));
            start = next;
        }
    }
}
