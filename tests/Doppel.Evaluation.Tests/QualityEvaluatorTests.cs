using Doppel.Data;
using static Doppel.Evaluation.Tests.Build;

namespace Doppel.Evaluation.Tests;

public sealed class QualityEvaluatorTests
{
    private static readonly EvaluationOptions FidelityOnly = new() { MlEfficacy = false, Detection = false, Privacy = false };

    [Fact]
    public void Evaluate_IdenticalTables_ScoresOne()
    {
        var table = Table(Num("x", 1, 2, 3, 4, 5), Num("y", 2, 1, 4, 3, 6), Cat("c", "a", "b", "a", "b", "c"), Cat("d", "u", "u", "v", "v", "v"));

        var report = QualityEvaluator.Evaluate(table, table, FidelityOnly);

        Assert.Equal(1, report.Quality.ColumnShapes!.Value, 12);
        Assert.Equal(1, report.Quality.ColumnPairTrends!.Value, 12);
        Assert.Equal(1, report.Quality.Score!.Value, 12);
    }

    [Fact]
    public void Evaluate_HandComputedCase_MatchesDefinitions()
    {
        // x: real 1..4 vs synthetic 2,2,5,5 → KS 0.5. c: real (a a b b) vs synthetic (a b b b) → TVD 0.25.
        // Pair (x, y): real r = 1, synthetic r = -1 → 1 − |−2|/2 = 0. Pair (c, d) discrete: joint real {(a,u):2,(b,v):2},
        // synthetic {(a,u):1,(b,v):3} → TVD 0.25 → 0.75. Mixed pairs are not scored.
        var real = Table(Num("x", 1, 2, 3, 4), Num("y", 1, 2, 3, 4), Cat("c", "a", "a", "b", "b"), Cat("d", "u", "u", "v", "v"));
        var syn = Table(Num("x", 2, 2, 5, 5), Num("y", 5, 5, 2, 2), Cat("c", "a", "b", "b", "b"), Cat("d", "u", "v", "v", "v"));

        var report = QualityEvaluator.Evaluate(real, syn, FidelityOnly);

        Assert.Equal(0.5, report.Columns[0].Ks!.Value, 12);
        Assert.Equal(0.25, report.Columns[2].Tvd!.Value, 12);
        Assert.Equal((0.5 + 0.5 + 0.75 + 0.75) / 4, report.Quality.ColumnShapes!.Value, 12);
        var xy = report.Pairs.Single(p => p.First == "x" && p.Second == "y");
        Assert.Equal(0, xy.Score!.Value, 12);
        var cd = report.Pairs.Single(p => p.First == "c" && p.Second == "d");
        Assert.Equal(0.75, cd.ContingencySimilarity!.Value, 12);
        Assert.Equal(0.375, report.Quality.ColumnPairTrends!.Value, 12);
        Assert.All(report.Pairs.Where(p => p.Kind == "mixed"), p => Assert.False(p.InScore));
    }

    [Fact]
    public void Evaluate_DifferentColumns_NamesThem()
    {
        var real = Table(Num("x", 1, 2), Num("y", 1, 2));
        var syn = Table(Num("x", 1, 2), Num("z", 1, 2));

        var error = Assert.Throws<SchemaException>(() => QualityEvaluator.Evaluate(real, syn, FidelityOnly));

        Assert.Contains("missing from the synthetic data: y", error.Message, StringComparison.Ordinal);
        Assert.Contains("only in the synthetic data: z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ColumnsInAnotherOrder_AreMatchedByName()
    {
        var real = Table(Num("x", 1, 2, 3), Cat("c", "a", "b", "a"));
        var syn = Table(Cat("c", "a", "b", "a"), Num("x", 1, 2, 3));

        var report = QualityEvaluator.Evaluate(real, syn, FidelityOnly);

        Assert.Equal(1, report.Quality.ColumnShapes!.Value, 12);
    }

    [Fact]
    public void Evaluate_EmptySynthetic_SaysSo()
    {
        var real = Table(Num("x", 1, 2));
        var syn = Table(Num("x"));

        var error = Assert.Throws<DoppelException>(() => QualityEvaluator.Evaluate(real, syn, FidelityOnly));

        Assert.Contains("synthetic data has no rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KindsThatCannotBeCompared_NameTheColumn()
    {
        var real = Table(Num("x", 1, 2));
        var syn = Table(Cat("x", "a", "b"));

        var error = Assert.Throws<SchemaException>(() => QualityEvaluator.Evaluate(real, syn, FidelityOnly));

        Assert.Equal("x", error.Column);
    }

    [Fact]
    public void Evaluate_AllMissingColumns_ReportNullWithReason()
    {
        var real = Table(Num("x", 1, 2, 3), Num("gone", double.NaN, double.NaN, double.NaN), Cat("none", null, null, null));
        var syn = Table(Num("x", 1, 2, 3), Num("gone", double.NaN, double.NaN, double.NaN), Cat("none", null, null, null));

        var report = QualityEvaluator.Evaluate(real, syn, FidelityOnly);

        Assert.Null(report.Columns[1].ShapeScore);
        Assert.Equal("the real column has no values", report.Columns[1].Reasons["ks"]);
        Assert.Null(report.Columns[2].ShapeScore);
        Assert.Equal("the real column has no values", report.Columns[2].Reasons["tvd"]);
        Assert.Equal(1, report.Quality.ColumnShapes!.Value, 12);
        Assert.All(report.Pairs.Where(p => p.First == "gone" || p.Second == "gone"), p => Assert.Null(p.Score));
    }

    [Fact]
    public void Evaluate_SyntheticColumnAllMissing_ScoresZeroForThatColumn()
    {
        var real = Table(Num("x", 1, 2, 3));
        var syn = Table(Num("x", double.NaN, double.NaN));

        var report = QualityEvaluator.Evaluate(real, syn, FidelityOnly);

        Assert.Equal(0, report.Columns[0].ShapeScore);
        Assert.Equal(1, report.Columns[0].MissingRateDifference, 12);
    }

    [Fact]
    public void Evaluate_TargetNotAColumn_NamesTheColumns()
    {
        var table = Table(Num("x", 1, 2, 3));

        var error = Assert.Throws<SchemaException>(() => QualityEvaluator.Evaluate(table, table, FidelityOnly with { Target = "income" }));

        Assert.Contains("the columns are: x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BadOptions_ListsEveryProblem()
    {
        var table = Table(Num("x", 1, 2, 3));

        var error = Assert.Throws<InvalidOptionsException>(() => QualityEvaluator.Evaluate(table, table, new EvaluationOptions { BoostingIterations = 0, DetectionFolds = 1 }));

        Assert.Equal(2, error.Problems.Count);
    }
}
