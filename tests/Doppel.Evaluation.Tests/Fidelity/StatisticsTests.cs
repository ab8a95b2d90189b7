using Doppel.Evaluation.Fidelity;

namespace Doppel.Evaluation.Tests.Fidelity;

public sealed class StatisticsTests
{
    [Fact]
    public void KolmogorovSmirnov_HandComputedCase_MatchesLargestCdfGap()
    {
        // CDFs after 1,2,3,4: a = .25,.5,.75,1 ; b = 0,.5,.5,.5 then 1 at 5 → largest gap 0.5 (at 4).
        double[] a = [1, 2, 3, 4];
        double[] b = [2, 2, 5, 5];

        var ks = Statistics.KolmogorovSmirnov(a, b);

        Assert.Equal(0.5, ks, 12);
    }

    [Fact]
    public void KolmogorovSmirnov_TiesAcrossSamples_DoNotOpenAGap()
    {
        double[] a = [1, 1, 2, 2];
        double[] b = [1, 2];

        Assert.Equal(0, Statistics.KolmogorovSmirnov(a, b), 12);
    }

    [Fact]
    public void TotalVariation_HandComputedCase_IsHalfTheL1Distance()
    {
        // p = (.5,.5,0), q = (.25,.25,.5) → ½(.25+.25+.5) = 0.5
        Assert.Equal(0.5, Statistics.TotalVariation([2, 2, 0], [1, 1, 2]), 12);
    }

    [Fact]
    public void Quantile_LinearInterpolation_MatchesNumpyDefault()
    {
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(1.75, Statistics.Quantile(sorted, 0.25), 12);
        Assert.Equal(2.5, Statistics.Quantile(sorted, 0.5), 12);
        Assert.Equal(4, Statistics.Quantile(sorted, 1), 12);
    }

    [Fact]
    public void Spearman_WithTies_UsesAverageRanks()
    {
        // ranks x = 1.5,1.5,3,4 ; y = 1,2,3,4 → Pearson of ranks = 0.9486832980505138
        double[] x = [1, 1, 2, 3];
        double[] y = [1, 2, 3, 4];

        Assert.Equal(0.9486832980505138, Statistics.Spearman(x, y), 10);
        Assert.Equal(new[] { 1.5, 1.5, 3, 4 }, Statistics.Ranks(x));
    }

    [Fact]
    public void Pearson_ConstantInput_IsNaN()
    {
        Assert.True(double.IsNaN(Statistics.Pearson([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void Wasserstein_ShiftedSample_EqualsTheShift()
    {
        double[] a = [0, 1, 2];
        double[] b = [0.5, 1.5, 2.5];

        Assert.Equal(0.5, Statistics.Wasserstein(a, b), 12);
    }

    [Fact]
    public void Wasserstein_HandComputedUnequalSizes_MatchesAreaBetweenCdfs()
    {
        // F_a: 0 → 1/2, 1 → 1 ; F_b: 0 → 1/3, 3 → 1. Area = |1/2-1/3|·1 + |1-1/3|·2 = 1/6 + 4/3 = 1.5
        double[] a = [0, 1];
        double[] b = [0, 3, 3];

        Assert.Equal(1.5, Statistics.Wasserstein(a, b), 12);
    }
}
