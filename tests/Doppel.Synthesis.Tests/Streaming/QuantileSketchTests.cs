using Doppel.Data;

namespace Doppel.Synthesis.Tests;

public sealed class QuantileSketchTests
{
    [Fact]
    public void Quantiles_BelowCapacity_AreTheSortedValues()
    {
        var rng = new Rng(1);
        var sketch = new QuantileSketch(1000, new Rng(2));
        var values = Enumerable.Range(0, 500).Select(_ => rng.NextGaussian()).ToArray();

        foreach (var v in values)
        {
            sketch.Add(v);
        }

        Assert.True(sketch.IsExact);
        Assert.Equal(values.Order(), sketch.Quantiles(2048));
    }

    [Fact]
    public void Quantiles_FarAboveCapacity_RankErrorSmall()
    {
        const int n = 1_000_000;
        const int capacity = 4096;
        var sketch = new QuantileSketch(capacity, new Rng(3));
        var rng = new Rng(4);
        for (var i = 0; i < n; i++)
        {
            sketch.Add(rng.NextDouble());
        }

        var q = sketch.Quantiles(101);

        // For uniform data the value at probability p is p itself; KLL's rank error is of order n/capacity per level
        // summed over log2(n/capacity) levels with random signs, so a few hundredths of n/capacity·√levels bound it.
        var bound = 4.0 * Math.Sqrt(Math.Log2((double)n / capacity)) / capacity;
        for (var j = 0; j <= 100; j++)
        {
            Assert.True(Math.Abs(q[j] - (j / 100.0)) < bound + 1e-3, $"quantile {j}%: {q[j]:F5}, bound {bound:F5}");
        }

        Assert.False(sketch.IsExact);
        Assert.Equal(n, sketch.Count);
    }

    [Fact]
    public void Merge_TwoHalves_MatchesOneSketchWithinTheBound()
    {
        var left = new QuantileSketch(1024, new Rng(5));
        var right = new QuantileSketch(1024, new Rng(6));
        var rng = new Rng(7);
        for (var i = 0; i < 200_000; i++)
        {
            (i % 2 == 0 ? left : right).Add(rng.NextDouble());
        }

        left.Merge(right);
        var q = left.Quantiles(11);

        Assert.Equal(200_000, left.Count);
        var bound = 4.0 * Math.Sqrt(Math.Log2(200_000.0 / 1024)) / 1024;
        for (var j = 0; j <= 10; j++)
        {
            Assert.True(Math.Abs(q[j] - (j / 10.0)) < bound + 1e-3, $"quantile {j * 10}%: {q[j]:F5}");
        }
    }
}
