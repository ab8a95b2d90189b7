using static Doppel.Evaluation.Tests.Build;

namespace Doppel.Evaluation.Tests.Privacy;

public sealed class PrivacyMetricsTests
{
    private static readonly EvaluationOptions PrivacyOnly = new() { MlEfficacy = false, Detection = false };

    [Fact]
    public void Evaluate_CopiedRowsWithGaps_CountAsExactCopies()
    {
        var real = Table(Num("x", 1, 2, double.NaN, 4), Cat("c", "a", null, "b", "a"));
        var syn = Table(Num("x", 1, 2, double.NaN, 9), Cat("c", "a", null, "b", "b"));

        var privacy = QualityEvaluator.Evaluate(real, syn, PrivacyOnly).Privacy!;

        Assert.Equal(3, privacy.ExactCopies);
        Assert.Equal(0.75, privacy.ExactCopyRate, 12);
        Assert.Equal(0, privacy.DcrSyntheticMedian!.Value, 12);
        Assert.Null(privacy.DcrRatio);
        Assert.Equal("no holdout rows to compare with", privacy.Reasons["dcr_ratio"]);
    }

    [Fact]
    public void Evaluate_HoldoutIdenticalToTraining_ExplainsTheMissingRatio()
    {
        var real = Table(Num("x", 1, 2, 3, 4));

        var privacy = QualityEvaluator.Evaluate(real, Table(Num("x", 1.5, 2.5)), PrivacyOnly with { Holdout = real }).Privacy!;

        Assert.Equal(0, privacy.DcrHoldoutMedian);
        Assert.Null(privacy.DcrRatio);
        Assert.Contains("median distance is 0", privacy.Reasons["dcr_ratio"], StringComparison.Ordinal);
    }
}
