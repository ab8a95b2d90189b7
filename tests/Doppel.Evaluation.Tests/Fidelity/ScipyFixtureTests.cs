using System.Text.Json;
using Doppel.Data;
using Doppel.Evaluation.Utility;
using Doppel.TestKit;
using static Doppel.Evaluation.Tests.Build;

namespace Doppel.Evaluation.Tests.Fidelity;

/// <summary>
/// Each metric against values computed independently with SciPy and NumPy by Fixtures/make_scipy_fixtures.py
/// (the JSON beside it is that script's output).
/// </summary>
public sealed class ScipyFixtureTests
{
    /// <summary>Both sides compute in double precision from the same inputs; 1e-9 leaves room for summation order only.</summary>
    private const double Exact = 1e-9;

    /// <summary>Distances come from float32 encodings (about 7 significant digits) and are measured again in double.</summary>
    private const double Distance = 1e-5;

    private static readonly EvaluationOptions FidelityOnly = new() { MlEfficacy = false, Detection = false, Privacy = false };

    private static readonly Lazy<JsonDocument> Fixtures = new(() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "tests", "Doppel.Evaluation.Tests", "Fixtures", "scipy_fixtures.json"))));

    private static JsonElement Root => Fixtures.Value.RootElement;

    private static double[] Numbers(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];

    private static string?[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString())];

    public static TheoryData<string> NumericCases() => [.. Root.GetProperty("numeric").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> DiscreteCases() => [.. Root.GetProperty("discrete").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void NumericColumn_AgainstScipy_Agrees(string name)
    {
        var c = Root.GetProperty("numeric").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

        var column = QualityEvaluator.Evaluate(Table(Num("v", Numbers(c.GetProperty("real")))), Table(Num("v", Numbers(c.GetProperty("synthetic")))), FidelityOnly).Columns[0];

        Assert.Equal(c.GetProperty("ks").GetDouble(), column.Ks!.Value, Exact);
        Assert.Equal(c.GetProperty("anderson_darling_statistic").GetDouble(), column.AndersonDarlingStatistic!.Value, 1e-7);
        Assert.Equal(c.GetProperty("anderson_darling_p_value").GetDouble(), column.AndersonDarlingPValue!.Value, 1e-7);
        Assert.Equal(c.GetProperty("wasserstein_scaled").GetDouble(), column.WassersteinScaled!.Value, Exact);
        Assert.Equal(c.GetProperty("mean").GetDouble(), column.Real.Mean!.Value, Exact);
        Assert.Equal(c.GetProperty("std").GetDouble(), column.Real.Std!.Value, Exact);
        Assert.Equal(c.GetProperty("q1").GetDouble(), column.Real.Q1!.Value, Exact);
        Assert.Equal(c.GetProperty("median").GetDouble(), column.Real.Median!.Value, Exact);
        Assert.Equal(c.GetProperty("q3").GetDouble(), column.Real.Q3!.Value, Exact);
    }

    [Theory]
    [MemberData(nameof(DiscreteCases))]
    public void DiscreteColumn_AgainstScipy_Agrees(string name)
    {
        var c = Root.GetProperty("discrete").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

        var column = QualityEvaluator.Evaluate(Table(Cat("v", Strings(c.GetProperty("real")))), Table(Cat("v", Strings(c.GetProperty("synthetic")))), FidelityOnly).Columns[0];

        Assert.Equal(c.GetProperty("tvd").GetDouble(), column.Tvd!.Value, Exact);
        Assert.Equal(c.GetProperty("chi_square_statistic").GetDouble(), column.ChiSquareStatistic!.Value, 1e-7);
        Assert.Equal(c.GetProperty("chi_square_dof").GetInt32(), column.ChiSquareDegreesOfFreedom);
        Assert.Equal(c.GetProperty("chi_square_p_value").GetDouble(), column.ChiSquarePValue!.Value, 1e-9);
    }

    [Fact]
    public void Pairs_AgainstScipy_Agree()
    {
        var p = Root.GetProperty("pairs");
        static Table Load(JsonElement t) => Table(
            Num("x", Numbers(t.GetProperty("x"))), Num("y", Numbers(t.GetProperty("y"))), Cat("c", Strings(t.GetProperty("c"))), Cat("d", Strings(t.GetProperty("d"))));

        var report = QualityEvaluator.Evaluate(Load(p.GetProperty("real")), Load(p.GetProperty("synthetic")), FidelityOnly);

        var xy = report.Pairs.Single(q => q.First == "x" && q.Second == "y");
        Assert.Equal(p.GetProperty("pearson_real").GetDouble(), xy.PearsonReal!.Value, Exact);
        Assert.Equal(p.GetProperty("pearson_synthetic").GetDouble(), xy.PearsonSynthetic!.Value, Exact);
        Assert.Equal(p.GetProperty("spearman_real").GetDouble(), xy.SpearmanReal!.Value, Exact);
        Assert.Equal(p.GetProperty("spearman_synthetic").GetDouble(), xy.SpearmanSynthetic!.Value, Exact);
        Assert.Equal(p.GetProperty("contingency_similarity_cd").GetDouble(), report.Pairs.Single(q => q.First == "c" && q.Second == "d").ContingencySimilarity!.Value, Exact);
        Assert.Equal(p.GetProperty("contingency_similarity_xc").GetDouble(), report.Pairs.Single(q => q.First == "x" && q.Second == "c").ContingencySimilarity!.Value, Exact);
        var a = report.Associations;
        int x = a.Columns.IndexOf("x"), c = a.Columns.IndexOf("c"), d = a.Columns.IndexOf("d");
        Assert.Equal(p.GetProperty("cramers_v_real").GetDouble(), a.Real[c][d]!.Value, Exact);
        Assert.Equal(p.GetProperty("cramers_v_synthetic").GetDouble(), a.Synthetic[c][d]!.Value, Exact);
        Assert.Equal(p.GetProperty("correlation_ratio_real").GetDouble(), a.Real[x][c]!.Value, Exact);
        Assert.Equal(p.GetProperty("correlation_ratio_synthetic").GetDouble(), a.Synthetic[c][x]!.Value, Exact);
        Assert.Equal(a.Synthetic[c][d]!.Value - a.Real[c][d]!.Value, a.Difference[c][d]!.Value, Exact);
    }

    [Fact]
    public void Privacy_AgainstScipyKdTree_Agrees()
    {
        var p = Root.GetProperty("privacy");
        static Table Load(JsonElement t) => Table(Num("u", Numbers(t.GetProperty("u"))), Num("v", Numbers(t.GetProperty("v"))), Cat("k", Strings(t.GetProperty("k"))));

        var privacy = QualityEvaluator.Evaluate(
            Load(p.GetProperty("train")), Load(p.GetProperty("synthetic")),
            FidelityOnly with { Privacy = true, Holdout = Load(p.GetProperty("holdout")) }).Privacy!;

        Assert.Equal(p.GetProperty("dcr_synthetic_median").GetDouble(), privacy.DcrSyntheticMedian!.Value, Distance);
        Assert.Equal(p.GetProperty("dcr_synthetic_p5").GetDouble(), privacy.DcrSyntheticP5!.Value, Distance);
        Assert.Equal(p.GetProperty("dcr_holdout_median").GetDouble(), privacy.DcrHoldoutMedian!.Value, Distance);
        Assert.Equal(p.GetProperty("dcr_holdout_p5").GetDouble(), privacy.DcrHoldoutP5!.Value, Distance);
        Assert.Equal(p.GetProperty("dcr_ratio").GetDouble(), privacy.DcrRatio!.Value, Distance);
        Assert.Equal(p.GetProperty("nndr_synthetic_median").GetDouble(), privacy.NndrSyntheticMedian!.Value, Distance);
        Assert.Equal(p.GetProperty("nndr_holdout_median").GetDouble(), privacy.NndrHoldoutMedian!.Value, Distance);
        Assert.Equal(p.GetProperty("exact_copies").GetInt64(), privacy.ExactCopies);
    }

    [Fact]
    public void RocAuc_AgainstMannWhitney_Agrees()
    {
        var a = Root.GetProperty("roc_auc");
        bool[] truth = [.. a.GetProperty("truth").EnumerateArray().Select(e => e.GetBoolean())];
        float[] scores = [.. Numbers(a.GetProperty("scores")).Select(s => (float)s)];

        Assert.Equal(a.GetProperty("auc").GetDouble(), PredictionMetrics.RocAuc(truth, scores), 1e-9);
    }
}
