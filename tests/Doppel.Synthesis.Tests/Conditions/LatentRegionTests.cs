using System.Collections.Immutable;
using Doppel.Data;
using Doppel.TestKit;
using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis.Tests;

/// <summary>Preimages of conditions under monotone maps, and exact truncated-normal draws.</summary>
public sealed class LatentRegionTests
{
    private static readonly TableSchema Schema = new([new ColumnSchema("n", ColumnKind.Integer), new ColumnSchema("x", ColumnKind.Continuous)]);

    [Fact]
    public void Preimage_RoundedValuesWithAnExclusion_IntervalsAtTheHalfIntegers()
    {
        // value(y) = round(y): n >= 2 holds from y = 1.5 on, and n != 3 removes [2.5, 3.5).
        var region = LatentRegion.Preimage(y => Math.Round(y, MidpointRounding.ToEven), Constraint("n>=2", "n!=3"), -10, 10);

        Assert.Equal(2, region.Lows.Length);
        Assert.Equal(1.5, region.Lows[0], 12);
        Assert.Equal(2.5, region.Highs[0], 12);
        Assert.Equal(3.5, region.Lows[1], 12);
        Assert.Equal(double.PositiveInfinity, region.Highs[1]);
    }

    [Fact]
    public void Preimage_MissingBelowAThreshold_NeverAllowed()
    {
        // Below y = -1 the column is missing (−∞): x < 5 allows only [-1, 5).
        var region = LatentRegion.Preimage(y => y < -1 ? double.NegativeInfinity : y, Constraint("x<5"), -40, 40);

        Assert.Equal(-1, region.Lows.Single(), 12);
        Assert.Equal(5, region.Highs.Single(), 12);
    }

    [Fact]
    public void Preimage_EqualityOnStrictlyIncreasingMap_IsAPoint()
    {
        var region = LatentRegion.Preimage(y => Math.Exp(y), Constraint("x=2"), -40, 40);

        Assert.Equal(Math.Log(2), region.Point!.Value, 12);
    }

    [Fact]
    public void Preimage_ValueOutsideTheRange_IsEmpty()
    {
        var region = LatentRegion.Preimage(y => Math.Clamp(y, 0, 1), Constraint("x>1"), -40, 40);

        Assert.True(region.IsEmpty);
    }

    [Fact]
    public void Sample_TwoIntervalsInTheTails_MatchesTheTruncatedNormal()
    {
        // N(1, 2²) restricted to (-∞, -3] ∪ [6, 8]: each interval's share is its mass, each draw inside its interval.
        var region = LatentRegion.Intervals([double.NegativeInfinity, 6], [-3, 8]);
        var rng = new Rng(17);
        const int n = 40_000;

        var draws = Enumerable.Range(0, n).Select(_ => region.Sample(1, 2, rng)).ToArray();

        var lower = Normal.CDF(1, 2, -3);
        var upper = Normal.CDF(1, 2, 8) - Normal.CDF(1, 2, 6);
        Assert.All(draws, d => Assert.True(region.Contains(d), $"{d} outside the region"));
        StatAssert.ShareNear(lower / (lower + upper), draws.Count(d => d <= -3), n);
        Assert.Equal(lower + upper, region.Mass(1, 2), 12);
    }

    private static ColumnConstraint Constraint(params string[] conditions) =>
        ConditionSet.Compile([.. conditions.Select(Condition.Parse)], Schema).Constraints.Single();
}
