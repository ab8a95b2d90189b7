using Doppel.Data;
using static Doppel.Evaluation.Tests.Build;

namespace Doppel.Evaluation.Tests.Utility;

public sealed class MlEfficacyTests
{
    private static readonly EvaluationOptions MlOnly = new() { Detection = false, Privacy = false, BoostingIterations = 30 };

    /// <summary>y = class of x (x &lt; 0 → "lo", else "hi"), with a noise column; n rows from seed.</summary>
    private static Table Planted(int n, ulong seed, int classes = 2)
    {
        var rng = new Rng(seed);
        var x = new double[n];
        var noise = new double[n];
        var labels = new string?[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = rng.NextGaussian();
            noise[i] = rng.NextGaussian();
            labels[i] = classes == 2 ? (x[i] < 0 ? "lo" : "hi") : $"c{Math.Clamp((int)Math.Floor((x[i] + 1.5) * classes / 3), 0, classes - 1)}";
        }

        return Table(Num("x", x), Num("noise", noise), Cat("y", labels));
    }

    [Fact]
    public void Evaluate_LearnableBinaryTarget_ScoresHighOnBothModels()
    {
        var real = Planted(1000, 1);
        var holdout = Planted(400, 2);
        var syn = Planted(1000, 3);

        var ml = QualityEvaluator.Evaluate(real, syn, MlOnly with { Target = "y", Holdout = holdout }).MlEfficacy!;

        Assert.Equal("binary", ml.Task);
        Assert.True(ml.Real!.Accuracy > 0.95, $"accuracy {ml.Real.Accuracy}");
        Assert.True(ml.Synthetic!.RocAuc > 0.97, $"auc {ml.Synthetic.RocAuc}");
        Assert.True(ml.Synthetic.MacroF1 > 0.95, $"macro-F1 {ml.Synthetic.MacroF1}");
        Assert.Null(ml.Reason);
    }

    [Fact]
    public void Evaluate_SyntheticTargetUnrelated_ScoresNearChance()
    {
        var real = Planted(1000, 1);
        var holdout = Planted(1000, 2);
        var shuffled = Planted(1000, 3);
        var labels = ((CategoricalColumn)shuffled["y"]).Codes.ToArray();
        new Rng(4).Shuffle(labels);
        var syn = Table(shuffled["x"], shuffled["noise"], new CategoricalColumn("y", labels, ((CategoricalColumn)shuffled["y"]).Categories));

        var ml = QualityEvaluator.Evaluate(real, syn, MlOnly with { Target = "y", Holdout = holdout }).MlEfficacy!;

        // AUC of an unrelated score over 1000 rows: sd ≈ √((n+1)/(12·n₀·n₁)) ≈ 0.018; 5 sd ≈ 0.09.
        Assert.InRange(ml.Synthetic!.RocAuc!.Value, 0.5 - 0.09, 0.5 + 0.09);
    }

    [Fact]
    public void Evaluate_ThreeClasses_ReportsMulticlassScores()
    {
        var ml = QualityEvaluator.Evaluate(Planted(1500, 1, 3), Planted(1500, 3, 3), MlOnly with { Target = "y", Holdout = Planted(600, 2, 3) }).MlEfficacy!;

        Assert.Equal("multiclass", ml.Task);
        Assert.Equal(3, ml.Classes.Length);
        Assert.True(ml.Real!.Accuracy > 0.9, $"accuracy {ml.Real.Accuracy}");
        Assert.True(ml.Synthetic!.RocAuc > 0.95, $"auc {ml.Synthetic.RocAuc}");
    }

    [Fact]
    public void Evaluate_NumericTarget_ReportsRegressionScores()
    {
        static Table Linear(int n, ulong seed)
        {
            var rng = new Rng(seed);
            var x = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                x[i] = rng.NextGaussian();
                y[i] = (3 * x[i]) + (0.1 * rng.NextGaussian());
            }

            return Table(Num("x", x), Num("y", y));
        }

        var ml = QualityEvaluator.Evaluate(Linear(1000, 1), Linear(1000, 2), MlOnly with { Target = "y", Holdout = Linear(300, 3) }).MlEfficacy!;

        Assert.Equal("regression", ml.Task);
        Assert.True(ml.Synthetic!.R2 > 0.95, $"R² {ml.Synthetic.R2}");
        Assert.True(ml.Synthetic.Mae < 0.5, $"MAE {ml.Synthetic.Mae}");
        Assert.Null(ml.Synthetic.Accuracy);
    }

    [Fact]
    public void Evaluate_SameSeed_GivesIdenticalScores()
    {
        var options = MlOnly with { Target = "y", Holdout = Planted(300, 2), Seed = 7 };

        var a = QualityEvaluator.Evaluate(Planted(500, 1), Planted(500, 3), options).MlEfficacy!;
        var b = QualityEvaluator.Evaluate(Planted(500, 1), Planted(500, 3), options).MlEfficacy!;

        Assert.Equal(a.Synthetic!.RocAuc, b.Synthetic!.RocAuc);
        Assert.Equal(a.Real!.Accuracy, b.Real!.Accuracy);
    }

    [Fact]
    public void Evaluate_ConstantTarget_ReportsReason()
    {
        var real = Table(Num("x", 1, 2, 3, 4), Cat("y", "a", "a", "a", "a"));

        var ml = QualityEvaluator.Evaluate(real, real, MlOnly with { Target = "y", Holdout = real }).MlEfficacy!;

        Assert.Null(ml.Real);
        Assert.Contains("single value", ml.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SyntheticTargetConstant_ReportsReasonForThatModel()
    {
        var real = Planted(200, 1);
        var syn = Table(real["x"], real["noise"], Cat("y", [.. Enumerable.Repeat("lo", 200)]));

        var ml = QualityEvaluator.Evaluate(real, syn, MlOnly with { Target = "y", Holdout = Planted(100, 2) }).MlEfficacy!;

        Assert.NotNull(ml.Real!.Accuracy);
        Assert.Null(ml.Synthetic!.Accuracy);
        Assert.Contains("synthetic rows", ml.Synthetic.Reasons["model"], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HoldoutCategoryUnseenInTraining_StillScores()
    {
        var real = Table(Num("x", [.. Enumerable.Range(0, 100).Select(i => (double)i)]), Cat("c", [.. Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? "a" : "b")]), Cat("y", [.. Enumerable.Range(0, 100).Select(i => i < 50 ? "lo" : "hi")]));
        var holdout = Table(Num("x", 10, 90, 20, 80), Cat("c", "new", "new", "a", "b"), Cat("y", "lo", "hi", "lo", "hi"));

        var ml = QualityEvaluator.Evaluate(real, real, MlOnly with { Target = "y", Holdout = holdout }).MlEfficacy!;

        Assert.NotNull(ml.Synthetic!.Accuracy);
        Assert.Equal(4, ml.TestRows);
    }

    [Fact]
    public void Evaluate_NoHoldout_ReportsReason()
    {
        var real = Planted(100, 1);

        var ml = QualityEvaluator.Evaluate(real, real, MlOnly with { Target = "y" }).MlEfficacy!;

        Assert.Contains("no holdout", ml.Reason, StringComparison.Ordinal);
    }
}
