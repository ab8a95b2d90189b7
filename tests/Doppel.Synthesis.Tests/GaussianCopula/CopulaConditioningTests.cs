using System.Collections.Immutable;
using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests;

/// <summary>Exact conditional sampling of the Gaussian copula.</summary>
public sealed class CopulaConditioningTests(AdultCopula adult) : IClassFixture<AdultCopula>
{
    [Fact]
    public void Sample_CategoryAndRange_MatchesRejectionRunOfTheSameModel()
    {
        var conditions = Conditions("income= >50K", "age>=40");

        var exact = adult.Model.Sample(6000, new SampleOptions { Seed = 5, Conditions = conditions });
        var rejection = Reject(adult.Model, conditions, 400_000, 6);

        Assert.All(ConditionSet.Compile(conditions, exact.Schema).Evaluate(exact), Assert.True);
        foreach (var column in new[] { "age", "hours-per-week", "education-num", "fnlwgt" })
        {
            ConditionStats.SameNumeric(exact, rejection, column);
        }

        foreach (var column in new[] { "sex", "marital-status", "education", "workclass" })
        {
            ConditionStats.SameLabels(exact, rejection, column);
        }
    }

    [Fact]
    public void Sample_TwoCategories_MatchesRejectionRunOfTheSameModel()
    {
        var conditions = Conditions("sex= Female", "relationship!= Unmarried", "hours-per-week<35");

        var exact = adult.Model.Sample(5000, new SampleOptions { Seed = 7, Conditions = conditions });
        var rejection = Reject(adult.Model, conditions, 300_000, 8);

        Assert.All(ConditionSet.Compile(conditions, exact.Schema).Evaluate(exact), Assert.True);
        ConditionStats.SameNumeric(exact, rejection, "age");
        ConditionStats.SameNumeric(exact, rejection, "hours-per-week");
        ConditionStats.SameLabels(exact, rejection, "relationship");
        ConditionStats.SameLabels(exact, rejection, "income");
    }

    [Fact]
    public void Sample_NumericRangeOnPlantedCopula_ReproducesTheRealConditionalDistribution()
    {
        // Data drawn from a Gaussian copula (ρ = 0.6) with log-normal and exponential marginals: the model is well
        // specified, so the rows it draws given a range of 'a' follow the real rows in that range.
        const int n = 40_000;
        var rng = new Rng(51);
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            var z1 = rng.NextGaussian();
            var z2 = (0.6 * z1) + (0.8 * rng.NextGaussian());
            a[i] = Math.Exp(z1);
            b[i] = -Math.Log(1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, z2));
        }

        var data = new Table([new NumericColumn("a", a), new NumericColumn("b", b)]);
        var model = new GaussianCopulaSynthesizer().Fit(data, new FitOptions { Seed = 52 });
        var conditions = Conditions("a>=2");

        var sample = model.Sample(5000, new SampleOptions { Seed = 53, Conditions = conditions });

        var real = data.Take([.. Enumerable.Range(0, n).Where(i => a[i] >= 2)]);
        Assert.All(((NumericColumn)sample["a"]).Values, v => Assert.True(v >= 2));
        ConditionStats.SameNumeric(sample, real, "b");
        ConditionStats.SameNumeric(sample, real, "a");
    }

    [Fact]
    public void Sample_EqualityOnContinuousColumn_PinsItAndFollowsTheConditionalNormal()
    {
        // a, b standard normal with ρ = 0.8: given a = 1, b ~ N(0.8, 0.36).
        const int n = 40_000;
        var rng = new Rng(61);
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = rng.NextGaussian();
            b[i] = (0.8 * a[i]) + (0.6 * rng.NextGaussian());
        }

        var model = new GaussianCopulaSynthesizer().Fit(new Table([new NumericColumn("a", a), new NumericColumn("b", b)]), new FitOptions { Seed = 62 });

        var sample = model.Sample(4000, new SampleOptions { Seed = 63, Conditions = Conditions("a=1") });

        Assert.All(((NumericColumn)sample["a"]).Values, v => Assert.Equal(1.0, v));
        StatAssert.MeanNear(0.8, 0.6, ((NumericColumn)sample["b"]).Values);
    }

    [Fact]
    public void Sample_JointlyUnlikelyRanges_GibbsRowsMeetThemRepeatAndMatchRejection()
    {
        // ρ = −0.9: given a > 1, b > 0.5 is accepted well under 1% of the time, so the block is Gibbs-sampled.
        const int n = 20_000;
        var rng = new Rng(71);
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = rng.NextGaussian() * 1.5;
            b[i] = (-0.9 * a[i]) + (0.65 * rng.NextGaussian());
        }

        var model = new GaussianCopulaSynthesizer().Fit(new Table([new NumericColumn("a", a), new NumericColumn("b", b)]), new FitOptions { Seed = 72 });
        var options = new SampleOptions { Seed = 73, Conditions = Conditions("a>1", "b>0.5") };

        var first = model.Sample(3000, options);
        var second = model.Sample(3000, options);

        Assert.Equal(3000, first.RowCount);
        Assert.All(ConditionSet.Compile(options.Conditions, first.Schema).Evaluate(first), Assert.True);
        Assert.Equal(TestTables.Render(first), TestTables.Render(second));
        var rejection = Reject(model, options.Conditions, 2_000_000, 74);
        Assert.True(rejection.RowCount > 300, $"only {rejection.RowCount} rejection rows");
        ConditionStats.SameNumeric(first, rejection, "a");
        ConditionStats.SameNumeric(first, rejection, "b");
    }

    [Fact]
    public void Sample_RangeOutsideTheData_RefusedNamingTheRange()
    {
        var e = Assert.Throws<DoppelException>(() => adult.Model.Sample(10, new SampleOptions { Seed = 1, Conditions = Conditions("age>=200") }));

        Assert.Contains("age>=200", e.Message, StringComparison.Ordinal);
        Assert.Contains("lie between 17 and 90", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_Conditioned_SameRowsWhateverTheBatchSizeAndStart()
    {
        var conditions = Conditions("income= >50K", "age>=40");

        var whole = adult.Model.Sample(10_000, new SampleOptions { Seed = 9, Conditions = conditions });
        var tail = adult.Model.Sample(3000, new SampleOptions { Seed = 9, Conditions = conditions, FirstRow = 7000, BatchSize = 777 });

        Assert.Equal(TestTables.Render(whole.Slice(7000, 3000)), TestTables.Render(tail));
    }

    internal static ImmutableArray<Condition> Conditions(params string[] texts) => [.. texts.Select(Condition.Parse)];

    /// <summary>Rejection sampling by hand: unconditioned rows of the same model, filtered.</summary>
    internal static Table Reject(ISynthesizerModel model, ImmutableArray<Condition> conditions, int candidates, ulong seed)
    {
        var rows = model.Sample(candidates, new SampleOptions { Seed = seed });
        var mask = ConditionSet.Compile(conditions, rows.Schema).Evaluate(rows);
        return rows.Take([.. Enumerable.Range(0, mask.Length).Where(i => mask[i])]);
    }
}

/// <summary>A Gaussian copula fitted once on the bundled Adult table.</summary>
public sealed class AdultCopula
{
    /// <summary>The fitted model.</summary>
    internal ISynthesizerModel Model { get; } = new GaussianCopulaSynthesizer().Fit(CsvTableReader.Read(TestData.File("adult.csv")), new FitOptions { Seed = 3 });
}
