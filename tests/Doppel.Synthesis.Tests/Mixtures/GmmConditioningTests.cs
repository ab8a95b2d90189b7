using Doppel.Data;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.Tests.Classical;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Mixtures;

/// <summary>Exact conditional sampling of <c>gmm</c>: compared with long rejection runs of the same model.</summary>
public sealed class GmmConditioningTests
{
    private static readonly Lazy<ISynthesizerModel> Planted = new(() =>
        new GmmSynthesizer(new GmmOptions { MaxComponents = 4 }).Fit(PlantedTables.TwoClusters(3000, 2), new FitOptions { Seed = 1 }));

    [Fact]
    public void Sample_LabelAndRange_MatchesRejectionRunOfTheSameModel()
    {
        // flag = yes favours cluster a, x > -2 favours cluster b: the components' shares move with both.
        var conditions = CopulaConditioningTests.Conditions("flag=yes", "x>-2");

        var exact = Planted.Value.Sample(5000, new SampleOptions { Seed = 5, Conditions = conditions });
        var rejection = CopulaConditioningTests.Reject(Planted.Value, conditions, 200_000, 6);

        Assert.All(ConditionSet.Compile(conditions, exact.Schema).Evaluate(exact), Assert.True);
        ConditionStats.SameNumeric(exact, rejection, "x");
        ConditionStats.SameNumeric(exact, rejection, "y");
        ConditionStats.SameNumeric(exact, rejection, "count");
        ConditionStats.SameLabels(exact, rejection, "group");
    }

    [Fact]
    public void Sample_TwoRangesAndIntegerEquality_MatchesRejectionRunOfTheSameModel()
    {
        var conditions = CopulaConditioningTests.Conditions("count=12", "y<3", "group!=a");

        var exact = Planted.Value.Sample(4000, new SampleOptions { Seed = 7, Conditions = conditions });
        var rejection = CopulaConditioningTests.Reject(Planted.Value, conditions, 400_000, 8);

        Assert.All(((IntegerColumn)exact["count"]).Values, v => Assert.Equal(12, v));
        Assert.All(ConditionSet.Compile(conditions, exact.Schema).Evaluate(exact), Assert.True);
        ConditionStats.SameNumeric(exact, rejection, "x");
        ConditionStats.SameNumeric(exact, rejection, "y");
        ConditionStats.SameLabels(exact, rejection, "flag");
    }

    [Fact]
    public void Sample_EqualityOnContinuousColumn_PinnedAndMatchesANarrowInterval()
    {
        // Between the clusters (x = -1) both components share the rows; a point and a narrow interval around it must
        // give the same components, so the same distribution of the other columns.
        var point = Planted.Value.Sample(4000, new SampleOptions { Seed = 9, Conditions = CopulaConditioningTests.Conditions("x=-1") });
        var narrow = Planted.Value.Sample(4000, new SampleOptions { Seed = 10, Conditions = CopulaConditioningTests.Conditions("x>=-1.001", "x<=-0.999") });

        Assert.All(((NumericColumn)point["x"]).Values, v => Assert.Equal(-1.0, v));
        ConditionStats.SameNumeric(point, narrow, "y");
        ConditionStats.SameLabels(point, narrow, "group");
        ConditionStats.SameLabels(point, narrow, "flag");
    }

    [Fact]
    public void Sample_AdultLabelAndRange_MatchesRejectionRunOfTheSameModel()
    {
        var adult = CsvTableReader.Read(TestData.File("adult.csv"));
        var model = new GmmSynthesizer(new GmmOptions { MaxComponents = 4, Restarts = 1 }).Fit(adult.Slice(0, 3000), new FitOptions { Seed = 11 });
        var conditions = CopulaConditioningTests.Conditions("income= >50K", "age>=40");

        var exact = model.Sample(4000, new SampleOptions { Seed = 12, Conditions = conditions });
        var rejection = CopulaConditioningTests.Reject(model, conditions, 200_000, 13);

        Assert.All(ConditionSet.Compile(conditions, exact.Schema).Evaluate(exact), Assert.True);
        ConditionStats.SameNumeric(exact, rejection, "age");
        ConditionStats.SameNumeric(exact, rejection, "hours-per-week");
        ConditionStats.SameLabels(exact, rejection, "sex");
        ConditionStats.SameLabels(exact, rejection, "marital-status");
    }

    [Fact]
    public void Sample_RangeOutsideTheData_RefusedNamingTheRange()
    {
        var e = Assert.Throws<DoppelException>(() => Planted.Value.Sample(10, new SampleOptions { Seed = 1, Conditions = CopulaConditioningTests.Conditions("x>100") }));

        Assert.Contains("x>100", e.Message, StringComparison.Ordinal);
        Assert.Contains("lie between", e.Message, StringComparison.Ordinal);
    }
}
