using Doppel.Neural;
using static Doppel.Neural.Tests.GradientCheck;

namespace Doppel.Neural.Tests;

public sealed class TapeLossesTests
{
    [Fact]
    public void MseLoss_PredictionAndTarget_MatchFiniteDifferences() =>
        Check((t, p) => t.MseLoss(p[0], p[1]), Param(3, 4, 1), Param(3, 4, 2));

    [Fact]
    public void CrossEntropyWithLogits_SoftTargets_MatchesFiniteDifferences()
    {
        var target = Param(3, 4, 2, 0, 1);
        target.RequiresGrad = false;

        Check((t, p) => t.CrossEntropyWithLogits(p[0], target, 1), Param(3, 6, 1, -2, 2));
    }

    [Fact]
    public void CrossEntropyWithLogits_OneHot_EqualsNegativeLogSoftmax()
    {
        var tape = new Tape(new Doppel.Data.Rng(1));
        var logits = Tensor.FromValues([1f, 2f, 3f], 1, 3);
        var target = Tensor.FromValues([0f, 1f, 0f], 1, 3);

        var loss = tape.CrossEntropyWithLogits(logits, target).Scalar;

        var expected = -(2.0 - Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)));
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void BceWithLogitsLoss_Logits_MatchesFiniteDifferences()
    {
        var target = Param(3, 4, 2, 0, 1);
        target.RequiresGrad = false;

        Check((t, p) => t.BceWithLogitsLoss(p[0], target), Param(3, 4, 1, -3, 3));
    }

    [Fact]
    public void KlStandardNormal_MuAndLogVar_MatchFiniteDifferences() =>
        Check((t, p) => t.KlStandardNormal(p[0], p[1]), Param(3, 4, 1), Param(3, 4, 2));

    [Fact]
    public void KlStandardNormal_StandardNormal_IsZero()
    {
        var tape = new Tape(new Doppel.Data.Rng(1));

        var kl = tape.KlStandardNormal(new Tensor(4, 3), new Tensor(4, 3)).Scalar;

        Assert.Equal(0f, kl);
    }
}
