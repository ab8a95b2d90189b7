using Doppel.Data;
using Doppel.Evaluation.Utility;
using static Doppel.Evaluation.Tests.Build;

namespace Doppel.Evaluation.Tests;

public sealed class SmallTableTests
{
    [Fact]
    public void Evaluate_FourRows_RunsAndSaysWhichPartsNeedMoreRows()
    {
        var real = Table(Num("x", 1, 2, 3, 4), Cat("c", "a", "b", "a", "b"), Cat("y", "no", "yes", "no", "yes"));
        var syn = Table(Num("x", 1, 2, 2, 5), Cat("c", "a", "b", "b", "b"), Cat("y", "no", "yes", "yes", "no"));
        var holdout = Table(Num("x", 3, 1), Cat("c", "a", "b"), Cat("y", "yes", "no"));

        var report = QualityEvaluator.Evaluate(real, syn, new EvaluationOptions { Target = "y", Holdout = holdout });

        Assert.NotNull(report.Quality.Score);
        Assert.Null(report.Detection!.Auc);
        Assert.Contains("too few rows to train a detector", report.Detection.Reason, StringComparison.Ordinal);
        Assert.Contains("(got 4 and 4)", report.Detection.Reason, StringComparison.Ordinal);
        Assert.Null(report.MlEfficacy!.Real!.RocAuc);
        Assert.Contains("too few real training rows", report.MlEfficacy.Real.Reasons["model"], StringComparison.Ordinal);
        Assert.Contains("too few synthetic rows", report.MlEfficacy.Synthetic!.Reasons["model"], StringComparison.Ordinal);
        Assert.NotNull(report.Privacy);
    }

    [Fact]
    public void Evaluate_EnoughRowsForTheDetector_GivesAnAuc()
    {
        // 30 rows a side and 3 folds: every fold trains on 40 rows, the fewest a split needs.
        var real = Table(Num("x", [.. Enumerable.Range(0, 30).Select(i => (double)i)]));
        var syn = Table(Num("x", [.. Enumerable.Range(0, 30).Select(i => i + 0.5)]));

        var report = QualityEvaluator.Evaluate(real, syn, new EvaluationOptions { MlEfficacy = false, Privacy = false });

        Assert.Null(report.Detection!.Reason);
        Assert.InRange(report.Detection.Auc!.Value, 0, 1);
    }

    [Fact]
    public void FitPredict_NoSplitPossible_PredictsTheTrainingPrior()
    {
        // One constant feature: no tree can split, so LightGBM's model is its starting score.
        var train = new float[60];
        var labels = Enumerable.Range(0, 60).Select(i => i % 4 == 0 ? 1.0 : 0.0).ToArray();
        var test = new float[5];

        var binary = new GradientBoosting(1, 10).FitPredict(BoostingTask.Binary, train, labels, test, 1, 2);
        var regression = new GradientBoosting(1, 10).FitPredict(BoostingTask.Regression, train, labels, test, 1, 0);
        var classes = Enumerable.Range(0, 60).Select(i => (double)(i % 3)).ToArray();
        var multiclass = new GradientBoosting(1, 10).FitPredict(BoostingTask.Multiclass, train, classes, test, 1, 3);

        Assert.All(binary, p => Assert.Equal(0.25, p, 1e-6));
        Assert.All(regression, p => Assert.Equal(0.25, p, 1e-6));
        Assert.Equal(15, multiclass.Length);
        Assert.All(multiclass, p => Assert.Equal(1 / 3.0, p, 1e-6));
    }
}
