using Doppel.Evaluation.Utility;

namespace Doppel.Evaluation.Tests.Utility;

public sealed class PredictionMetricsTests
{
    [Fact]
    public void RocAuc_HandComputedCase_CountsTiesHalf()
    {
        // positives 0.8, 0.4 ; negatives 0.4, 0.1 → pairs: (0.8>0.4) 1, (0.8>0.1) 1, (0.4=0.4) 0.5, (0.4>0.1) 1 → 3.5/4
        bool[] positive = [true, true, false, false];
        float[] scores = [0.8f, 0.4f, 0.4f, 0.1f];

        Assert.Equal(0.875, PredictionMetrics.RocAuc(positive, scores), 12);
    }

    [Fact]
    public void RocAuc_SingleClass_IsNaN()
    {
        Assert.True(double.IsNaN(PredictionMetrics.RocAuc([true, true], [0.1f, 0.2f])));
    }

    [Fact]
    public void MacroF1_HandComputedCase_AveragesPerClassF1()
    {
        // class 0: tp 1, fp 1, fn 1 → 0.5 ; class 1: tp 1, fp 1, fn 1 → 0.5 ; class 2: tp 1 → 1. Mean 2/3.
        int[] truth = [0, 0, 1, 1, 2];
        int[] predicted = [0, 1, 1, 0, 2];

        Assert.Equal(2.0 / 3, PredictionMetrics.MacroF1(truth, predicted, 3), 12);
        Assert.Equal(0.6, PredictionMetrics.Accuracy(truth, predicted), 12);
    }

    [Fact]
    public void RocAucOneVsRest_PerfectProbabilities_IsOne()
    {
        int[] truth = [0, 1, 2];
        float[] probabilities = [0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.1f, 0.1f, 0.8f];

        Assert.Equal(1, PredictionMetrics.RocAucOneVsRest(truth, probabilities, 3), 12);
    }

    [Fact]
    public void R2AndMae_HandComputedCase_MatchDefinitions()
    {
        double[] truth = [1, 2, 3];
        double[] predicted = [1, 2, 4];

        // SS_res = 1, SS_tot = 2 → R² = 0.5 ; MAE = 1/3
        Assert.Equal(0.5, PredictionMetrics.R2(truth, predicted), 12);
        Assert.Equal(1.0 / 3, PredictionMetrics.Mae(truth, predicted), 12);
    }
}
