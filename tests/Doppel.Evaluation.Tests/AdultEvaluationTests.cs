using Xunit.Abstractions;

namespace Doppel.Evaluation.Tests;

public sealed class AdultEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Evaluate_DisjointRealSamples_LookLikeTheSameData()
    {
        var (rest, holdout) = Build.Split(Build.Adult, 0.2, 0);
        var (train, other) = Build.Split(rest, 0.5, 1);

        var report = QualityEvaluator.Evaluate(train, other, new EvaluationOptions { Target = "income", Holdout = holdout });

        foreach (var (part, seconds) in report.Timings)
        {
            output.WriteLine($"{part}: {seconds:F2} s");
        }

        output.WriteLine($"shapes {report.Quality.ColumnShapes} trends {report.Quality.ColumnPairTrends} ml {report.MlEfficacy!.Synthetic} {report.MlEfficacy.Real} det {report.Detection!.Auc} priv {report.Privacy}");

        // Two halves of one sample: each KS/TVD is under its α = 1e-4 critical value, so shapes stay above 1 − that.
        var critical = Doppel.TestKit.StatAssert.KsCritical(train.RowCount, other.RowCount);
        Assert.True(report.Quality.ColumnShapes > 1 - critical, $"shapes {report.Quality.ColumnShapes} ≤ 1 − {critical}");
        Assert.True(report.Quality.ColumnPairTrends > 1 - critical, $"trends {report.Quality.ColumnPairTrends}");
        Assert.InRange(report.MlEfficacy.Real!.RocAuc!.Value, 0.90, 0.95);
        Assert.InRange(report.MlEfficacy.Synthetic!.RocAuc!.Value, 0.90, 0.95);
        Assert.InRange(report.Detection.Auc!.Value, 0.45, 0.56);
        Assert.InRange(report.Privacy!.DcrRatio!.Value, 0.8, 1.25);
    }
}
