using Doppel.Neural;

namespace Doppel.Neural.Tests;

public sealed class OptimHelpersTests
{
    [Fact]
    public void ClipGradNorm_LargeGradient_ScalesToMaxNorm()
    {
        var (a, b) = (Tensor.Parameter(1, 2), Tensor.Parameter(1, 1));
        a.Grad!.Span[0] = 3f;
        a.Grad.Span[1] = 0f;
        b.Grad!.Span[0] = 4f;

        var norm = Clipping.ClipGradNorm([a, b], 1f);

        Assert.Equal(5f, norm, 6);
        Assert.Equal(0.6f, a.Grad.Span[0], 5);
        Assert.Equal(0.8f, b.Grad.Span[0], 5);
    }

    [Fact]
    public void ClipWeights_OutOfRange_Clamps()
    {
        var p = Tensor.Parameter(1, 3);
        float[] values = [-0.5f, 0.005f, 2f];
        values.CopyTo(p.Span);

        Clipping.ClipWeights([p], 0.01f);

        Assert.Equal([-0.01f, 0.005f, 0.01f], p.ToArray());
    }

    [Fact]
    public void Schedules_KeyPoints_MatchFormulas()
    {
        Assert.Equal(0.5f, LearningRateSchedule.Linear(1f, 1, 10, warmupSteps: 4));
        Assert.Equal(1f, LearningRateSchedule.Linear(1f, 4, 10, warmupSteps: 4));
        Assert.Equal(0.5f, LearningRateSchedule.Linear(1f, 7, 10, warmupSteps: 4));
        Assert.Equal(1f, LearningRateSchedule.Cosine(1f, 0, 10));
        Assert.Equal(0.55f, LearningRateSchedule.Cosine(1f, 5, 10, 0.1f), 6);
        Assert.Equal(0.1f, LearningRateSchedule.Cosine(1f, 10, 10, 0.1f), 6);
    }

    [Fact]
    public void ExponentialMovingAverage_TwoUpdates_MatchesRecurrence()
    {
        var p = Tensor.Parameter(1, 1);
        var ema = new ExponentialMovingAverage([p], decay: 0.9f);

        p.Span[0] = 1f;
        ema.Update();
        p.Span[0] = 2f;
        ema.Update();
        ema.CopyTo();

        Assert.Equal((0.9f * 0.1f) + (0.1f * 2f), p.Span[0], 6);
    }
}
