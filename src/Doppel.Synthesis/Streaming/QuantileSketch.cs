using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// A mergeable quantile sketch in the manner of KLL (Karnin, Lang and Liberty, 2016): values enter level 0; a level
/// that reaches <see cref="Capacity"/> items is sorted and every second item (from a random first position) moves up
/// one level with twice the weight. Memory is at most <see cref="Capacity"/> items per level, about
/// log2(n / Capacity) levels; the rank error of a query is of the order of n / Capacity. Until the first compaction
/// (n ≤ <see cref="Capacity"/>) the sketch holds every value and its quantiles are exact. The minimum and maximum are
/// always exact. The coin flips come from an <see cref="Rng"/>, so the same values in the same order give the same sketch.
/// </summary>
internal sealed class QuantileSketch
{
    private readonly List<List<double>> _levels = [[]];
    private readonly Rng _rng;

    /// <summary>Creates an empty sketch holding at most <paramref name="capacity"/> items per level.</summary>
    public QuantileSketch(int capacity, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
        _rng = rng;
    }

    /// <summary>Items per level before it is compacted.</summary>
    public int Capacity { get; }

    /// <summary>The number of values added (including merged sketches).</summary>
    public long Count { get; private set; }

    /// <summary>The smallest value added.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest value added.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether every value is still held (no compaction yet), so quantiles are exact.</summary>
    public bool IsExact => _levels.Count == 1;

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        _levels[0].Add(value);
        Count++;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        if (_levels[0].Count >= Capacity)
        {
            Compact(0);
        }
    }

    /// <summary>Adds every item of <paramref name="other"/> (same capacity) at its weight.</summary>
    public void Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var h = 0; h < other._levels.Count; h++)
        {
            while (_levels.Count <= h)
            {
                _levels.Add([]);
            }

            _levels[h].AddRange(other._levels[h]);
        }

        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        for (var h = 0; h < _levels.Count; h++)
        {
            if (_levels[h].Count >= Capacity)
            {
                Compact(h);
            }
        }
    }

    /// <summary>
    /// The quantile function at <paramref name="count"/> evenly spaced probabilities 0, 1/(count-1), …, 1, by linear
    /// interpolation between order statistics (each item standing for as many order statistics as its weight); the
    /// first and last are the exact minimum and maximum. With fewer values than <paramref name="count"/> and an exact
    /// sketch, the sorted values themselves.
    /// </summary>
    public double[] Quantiles(int count)
    {
        var (values, cumulative) = Sorted();
        if (values.Length == 0)
        {
            return [];
        }

        if (IsExact && values.Length <= count)
        {
            return values;
        }

        var n = cumulative[^1];
        var result = new double[count];
        for (var j = 0; j < count; j++)
        {
            var h = count == 1 ? 0 : (double)j * (n - 1) / (count - 1);
            var r = (long)Math.Floor(h);
            var a = OrderStatistic(values, cumulative, r);
            var b = OrderStatistic(values, cumulative, Math.Min(r + 1, n - 1));
            result[j] = a + ((h - r) * (b - a));
        }

        result[0] = Min;
        result[^1] = Max;
        return result;
    }

    /// <summary>The items in ascending order with the cumulative weight up to and including each.</summary>
    private (double[] Values, long[] Cumulative) Sorted()
    {
        var items = new List<(double Value, long Weight)>();
        for (var h = 0; h < _levels.Count; h++)
        {
            var weight = 1L << h;
            foreach (var v in _levels[h])
            {
                items.Add((v, weight));
            }
        }

        items.Sort((x, y) => x.Value.CompareTo(y.Value));
        var values = new double[items.Count];
        var cumulative = new long[items.Count];
        long sum = 0;
        for (var i = 0; i < items.Count; i++)
        {
            values[i] = items[i].Value;
            sum += items[i].Weight;
            cumulative[i] = sum;
        }

        return (values, cumulative);
    }

    /// <summary>The value of order statistic <paramref name="rank"/> (0-based).</summary>
    private static double OrderStatistic(double[] values, long[] cumulative, long rank)
    {
        var i = Array.BinarySearch(cumulative, rank + 1);
        i = i >= 0 ? i : ~i;
        return values[Math.Min(i, values.Length - 1)];
    }

    private void Compact(int h)
    {
        var level = _levels[h];
        level.Sort();
        if (_levels.Count == h + 1)
        {
            _levels.Add([]);
        }

        // An odd item out stays at this level so no weight is lost.
        var keep = level.Count % 2 == 1 ? level[^1] : double.NaN;
        var pairs = level.Count / 2;
        var offset = _rng.NextDouble() < 0.5 ? 0 : 1;
        var up = _levels[h + 1];
        for (var p = 0; p < pairs; p++)
        {
            up.Add(level[(2 * p) + offset]);
        }

        level.Clear();
        if (!double.IsNaN(keep))
        {
            level.Add(keep);
        }

        if (up.Count >= Capacity)
        {
            Compact(h + 1);
        }
    }
}
