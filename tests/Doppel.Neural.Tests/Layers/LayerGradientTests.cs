using Doppel.Data;
using Doppel.Neural;
using static Doppel.Neural.Tests.GradientCheck;

namespace Doppel.Neural.Tests;

public sealed class LayerGradientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNorm_TrainAndEval_MatchFiniteDifferences(bool training)
    {
        var runningMean = Tensor.FromValues([0.1f, -0.2f, 0.3f, 0f], 1, 4);
        var runningVar = Tensor.FromValues([1.5f, 0.5f, 2f, 1f], 1, 4);

        // Running statistics are updated by every evaluation; fresh copies keep each pass identical.
        Check((t, p) => t.BatchNorm(p[0], p[1], p[2], Copy(runningMean), Copy(runningVar), training),
            Param(5, 4, 1, -2, 2), Param(1, 4, 2, 0.5f, 1.5f), Param(1, 4, 3));
    }

    [Fact]
    public void BatchNorm_Training_UpdatesRunningStatisticsLikePyTorch()
    {
        var bn = new BatchNorm1d(1);
        var x = Tensor.FromValues([1f, 2f, 3f, 6f], 4, 1);

        var y = bn.Forward(new Tape(new Rng(1)), x);

        // mean 3, biased variance 3.5, unbiased 14/3; momentum 0.1.
        Assert.Equal(0.3f, bn.RunningMean.Span[0], 6);
        Assert.Equal((0.9f * 1f) + (0.1f * 14f / 3f), bn.RunningVar.Span[0], 6);
        Assert.Equal((1f - 3f) / MathF.Sqrt(3.5f + 1e-5f), y[0, 0], 5);
    }

    [Fact]
    public void LayerNorm_Rows_MatchFiniteDifferences() =>
        Check((t, p) => t.LayerNorm(p[0], p[1], p[2]), Param(3, 5, 1, -2, 2), Param(1, 5, 2, 0.5f, 1.5f), Param(1, 5, 3));

    [Fact]
    public void Dropout_FixedStream_MatchesFiniteDifferencesAndKeepsExpectation()
    {
        Check((t, p) => t.Dropout(p[0], 0.3f, new Rng(4)), Param(4, 5, 1));

        var ones = new Tensor(200, 100);
        ones.Span.Fill(1f);
        var mean = new Tape(new Rng(1)).Dropout(ones, 0.3f, new Rng(4)).ToArray().Average();

        // Each element is 0 or 1/0.7 with mean 1 and variance 0.3/0.7; 5σ/√n bound over n = 20,000.
        Assert.InRange(mean, 1 - (5 * Math.Sqrt(0.3 / 0.7 / 20000)), 1 + (5 * Math.Sqrt(0.3 / 0.7 / 20000)));
    }

    [Fact]
    public void Embedding_RepeatedIndices_MatchesFiniteDifferences() =>
        Check((t, p) => t.Embedding(p[0], [2, 0, 2, 3]), Param(4, 3, 1));

    [Fact]
    public void ResidualBlock_Forward_ConcatenatesInputAndMatchesFiniteDifferences()
    {
        var block = new ResidualBlock(3, 4, new Rng(2));
        var x = Param(6, 3, 1, -2, 2);

        var y = block.Forward(new Tape(new Rng(1)), x);

        Assert.Equal(7, y.Cols);
        Assert.Equal(x.Row(2).ToArray(), y.Row(2)[4..].ToArray());
        Check((t, p) => t.Concat(t.Relu(t.BatchNorm(t.Linear(p[0], block.Fc.Weight, block.Fc.Bias), block.Bn.Weight, block.Bn.Bias,
            new Tensor(1, 4), new Tensor(1, 4), true)), p[0]), x);
    }

    [Fact]
    public void TimestepEmbedding_KnownValues_MatchFormula()
    {
        var e = new Tape(new Rng(1)).TimestepEmbedding([0f, 3f], 4);

        Assert.Equal([1f, 1f, 0f, 0f], e.Row(0).ToArray());
        Assert.Equal(MathF.Cos(3f), e[1, 0], 6);
        Assert.Equal(MathF.Sin(3f * 0.01f), e[1, 3], 6);
    }

    [Fact]
    public void Reshape_PacksRows_MatchesFiniteDifferences() =>
        Check((t, p) => t.Tanh(t.Reshape(p[0], 2, 6)), Param(4, 3, 1));

    [Fact]
    public void RandomNormal_ManyDraws_HasStandardMoments()
    {
        const int n = 100_001;
        var values = new Tape(new Rng(1)).RandomNormal(1, n, new Rng(8)).ToArray();

        var mean = values.Average();
        var variance = values.Average(v => (v - mean) * (v - mean));

        // 5σ bounds: the mean's σ is 1/√n; the sample variance's σ is √(2/n) for a normal.
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - (5 * Math.Sqrt(2.0 / n)), 1 + (5 * Math.Sqrt(2.0 / n)));
    }

    private static Tensor Copy(Tensor t) => Tensor.FromValues(t.Span, t.Rows, t.Cols);
}
