using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>A uniform random sample of a source's rows in one pass (reservoir sampling, algorithm R), in source order.</summary>
internal static class Reservoir
{
    /// <summary>
    /// At most <paramref name="size"/> rows of <paramref name="source"/>, every subset of that size equally likely; all
    /// rows when there are fewer. The kept rows keep their source order. Memory holds at most about twice the
    /// reservoir plus one batch.
    /// </summary>
    /// <exception cref="DataFormatException">The source has no rows.</exception>
    public static Table Sample(ITableSource source, int size, int batchRows, Rng rng, CancellationToken cancellationToken)
    {
        // Slot s holds the row's part, its position in the part and its index in the source.
        var slots = new (int Part, int Row, long Index)[size];
        var parts = new List<Table>();
        var held = 0;
        long seen = 0;
        foreach (var batch in source.ReadBatches(batchRows, cancellationToken))
        {
            var incoming = new List<int>();
            for (var r = 0; r < batch.RowCount; r++, seen++)
            {
                var k = seen < size ? seen : rng.NextInt64(seen + 1);
                if (k < size)
                {
                    slots[k] = (-1, r, seen);
                    incoming.Add((int)k);
                }
            }

            // Keep only this batch's rows that are still in the reservoir, as a new part.
            var live = incoming.Where(k => slots[k].Part == -1).Distinct().ToArray();
            if (live.Length > 0)
            {
                var part = parts.Count;
                parts.Add(batch.Take([.. live.Select(k => slots[k].Row)]));
                held += live.Length;
                for (var p = 0; p < live.Length; p++)
                {
                    slots[live[p]] = (part, p, slots[live[p]].Index);
                }
            }

            if (held > 2 * size)
            {
                (parts, held) = Compact(slots, (int)Math.Min(seen, size), parts);
            }
        }

        if (seen == 0)
        {
            throw new DataFormatException(source.Description, null, null, "the table has no rows; a table needs at least one row.");
        }

        var count = (int)Math.Min(seen, size);
        var ordered = slots.Take(count).OrderBy(s => s.Index).ToArray();
        var pieces = new List<Table>();
        for (var a = 0; a < ordered.Length;)
        {
            var b = a;
            while (b + 1 < ordered.Length && ordered[b + 1].Part == ordered[a].Part)
            {
                b++;
            }

            pieces.Add(parts[ordered[a].Part].Take([.. ordered[a..(b + 1)].Select(s => s.Row)]));
            a = b + 1;
        }

        return TableConcat.Concat(pieces);
    }

    private static (List<Table> Parts, int Held) Compact((int Part, int Row, long Index)[] slots, int count, List<Table> parts)
    {
        var pieces = new List<Table>();
        var position = 0;
        foreach (var group in Enumerable.Range(0, count).GroupBy(k => slots[k].Part))
        {
            var keys = group.ToArray();
            pieces.Add(parts[group.Key].Take([.. keys.Select(k => slots[k].Row)]));
            foreach (var k in keys)
            {
                slots[k] = (0, position++, slots[k].Index);
            }
        }

        return ([TableConcat.Concat(pieces)], count);
    }
}
