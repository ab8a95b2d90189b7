using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// A uniform random sample of a stream of rows (reservoir sampling, algorithm R), kept in source order: at most
/// <c>size</c> rows, every subset of that size equally likely, all rows when there are fewer. Memory holds at most
/// about twice the reservoir plus one batch.
/// </summary>
internal sealed class Reservoir(int size, Rng rng)
{
    // Slot s holds the row's part, its position in the part and its index in the stream.
    private readonly (int Part, int Row, long Index)[] _slots = new (int, int, long)[size];
    private List<Table> _parts = [];
    private int _held;

    /// <summary>The rows offered so far.</summary>
    public long Seen { get; private set; }

    /// <summary>The sample of the rows of <paramref name="source"/>.</summary>
    /// <exception cref="DataFormatException">The source has no rows.</exception>
    public static Table Sample(ITableSource source, int size, int batchRows, Rng rng, CancellationToken cancellationToken)
    {
        var reservoir = new Reservoir(size, rng);
        foreach (var batch in source.ReadBatches(batchRows, cancellationToken))
        {
            reservoir.Add(batch);
        }

        return reservoir.Seen == 0
            ? throw new DataFormatException(source.Description, null, null, "the table has no rows; a table needs at least one row.")
            : reservoir.Result();
    }

    /// <summary>Offers every row of <paramref name="batch"/>.</summary>
    public void Add(Table batch)
    {
        var incoming = new List<int>();
        for (var r = 0; r < batch.RowCount; r++, Seen++)
        {
            var k = Seen < size ? Seen : rng.NextInt64(Seen + 1);
            if (k < size)
            {
                _slots[k] = (-1, r, Seen);
                incoming.Add((int)k);
            }
        }

        // Keep only this batch's rows that are still in the reservoir, as a new part.
        var live = incoming.Where(k => _slots[k].Part == -1).Distinct().ToArray();
        if (live.Length > 0)
        {
            var part = _parts.Count;
            _parts.Add(batch.Take([.. live.Select(k => _slots[k].Row)]));
            _held += live.Length;
            for (var p = 0; p < live.Length; p++)
            {
                _slots[live[p]] = (part, p, _slots[live[p]].Index);
            }
        }

        if (_held > 2 * size)
        {
            Compact();
        }
    }

    /// <summary>The kept rows in source order (at least one row must have been offered).</summary>
    public Table Result()
    {
        var count = (int)Math.Min(Seen, size);
        var ordered = _slots.Take(count).OrderBy(s => s.Index).ToArray();
        var pieces = new List<Table>();
        for (var a = 0; a < ordered.Length;)
        {
            var b = a;
            while (b + 1 < ordered.Length && ordered[b + 1].Part == ordered[a].Part)
            {
                b++;
            }

            pieces.Add(_parts[ordered[a].Part].Take([.. ordered[a..(b + 1)].Select(s => s.Row)]));
            a = b + 1;
        }

        return TableConcat.Concat(pieces);
    }

    private void Compact()
    {
        var count = (int)Math.Min(Seen, size);
        var pieces = new List<Table>();
        var position = 0;
        foreach (var group in Enumerable.Range(0, count).GroupBy(k => _slots[k].Part))
        {
            var keys = group.ToArray();
            pieces.Add(_parts[group.Key].Take([.. keys.Select(k => _slots[k].Row)]));
            foreach (var k in keys)
            {
                _slots[k] = (0, position++, _slots[k].Index);
            }
        }

        _parts = [TableConcat.Concat(pieces)];
        _held = count;
    }
}
