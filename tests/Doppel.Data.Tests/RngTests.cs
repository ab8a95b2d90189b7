using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Data.Tests;

public sealed class RngTests
{
    [Fact]
    public void NextUInt64_SameSeed_SameSequence()
    {
        var a = new Rng(42);
        var b = new Rng(42);

        var same = Enumerable.Range(0, 1000).All(_ => a.NextUInt64() == b.NextUInt64());

        Assert.True(same);
    }

    [Fact]
    public void Fork_DoesNotDependOnParentDraws()
    {
        var a = new Rng(7);
        var b = new Rng(7);
        for (var i = 0; i < 100; i++)
        {
            b.NextUInt64();
        }

        Assert.Equal(a.Fork("x", 3).NextUInt64(), b.Fork("x", 3).NextUInt64());
        Assert.NotEqual(a.Fork("x", 3).NextUInt64(), a.Fork("x", 4).NextUInt64());
        Assert.NotEqual(a.Fork("x").NextUInt64(), a.Fork("y").NextUInt64());
    }

    [Fact]
    public void NextGaussian_HasUnitMoments()
    {
        var rng = new Rng(1);
        var sample = Enumerable.Range(0, 100_000).Select(_ => rng.NextGaussian()).ToArray();

        StatAssert.MeanNear(0, 1, sample);
        StatAssert.MeanNear(1, Math.Sqrt(2), sample.Select(x => x * x).ToArray());
    }

    [Fact]
    public void Next_IsUniformOverSmallRange()
    {
        var rng = new Rng(3);
        var counts = new long[7];
        const int n = 70_000;
        for (var i = 0; i < n; i++)
        {
            counts[rng.Next(7)]++;
        }

        foreach (var c in counts)
        {
            StatAssert.ShareNear(1.0 / 7, c, n);
        }
    }
}
