using Doppel.Data;
using Doppel.Synthesis.Mixtures;
using Doppel.TestKit;
using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis.Tests.Mixtures;

/// <summary>The component weights of <see cref="GmmConditioning"/> against their closed forms on a hand-built mixture.</summary>
public sealed class GmmConditioningWeightsTests
{
    // Two components: weights 0.3 and 0.7, x ~ N(-2, 1) and N(2, 1.5²), label b with probability 0.1 and 0.8.
    private static readonly double[] W = [0.3, 0.7];
    private static readonly double[] Mean = [-2, 2];
    private static readonly double[] Sd = [1, 1.5];
    private static readonly double[] LabelB = [0.1, 0.8];

    [Fact]
    public void ProposalWeights_LabelAndRange_AreThePosteriorResponsibilities()
    {
        var weights = Weights("g=b", "x>0.5");

        var expected = Normalise(k => W[k] * LabelB[k] * (1 - Normal.CDF(Mean[k], Sd[k], 0.5)));
        Assert.Equal(expected[0], weights[0], 12);
        Assert.Equal(expected[1], weights[1], 12);
    }

    [Fact]
    public void ProposalWeights_Point_UseTheDensity()
    {
        var weights = Weights("x=-0.25", "g!=b");

        var expected = Normalise(k => W[k] * (1 - LabelB[k]) * Normal.PDF(Mean[k], Sd[k], -0.25));
        Assert.Equal(expected[0], weights[0], 12);
        Assert.Equal(expected[1], weights[1], 12);
    }

    [Fact]
    public void Sample_Point_ComponentSharesFollowTheWeights()
    {
        var (layout, parameters) = Mixture();
        var set = ConditionSet.Compile([Condition.Parse("x=-0.25")], layout.Schema, layout.CategoryLabels());
        var expected = Normalise(k => W[k] * Normal.PDF(Mean[k], Sd[k], -0.25));

        var rows = GmmConditioning.For(layout, parameters, set).Sample(20_000, new Rng(5));

        // Given its component the label is b with probability 0.1 or 0.8, so P(b) = Σ r_k · P_k(b).
        var b = Enumerable.Range(0, rows.RowCount).Count(i => rows["g"].FormatValue(i) == "b");
        StatAssert.ShareNear((expected[0] * LabelB[0]) + (expected[1] * LabelB[1]), b, rows.RowCount);
        Assert.All(((NumericColumn)rows["x"]).Values, v => Assert.Equal(-0.25, v));
    }

    private static double[] Weights(params string[] conditions)
    {
        var (layout, parameters) = Mixture();
        var set = ConditionSet.Compile([.. conditions.Select(Condition.Parse)], layout.Schema, layout.CategoryLabels());
        return [.. GmmConditioning.For(layout, parameters, set).ProposalWeights];
    }

    private static double[] Normalise(Func<int, double> weight)
    {
        var w = new[] { weight(0), weight(1) };
        return [w[0] / (w[0] + w[1]), w[1] / (w[0] + w[1])];
    }

    private static (ColumnLayout Layout, MixtureParameters Parameters) Mixture()
    {
        var schema = new TableSchema([new ColumnSchema("x", ColumnKind.Continuous), new ColumnSchema("g", ColumnKind.Categorical)]);
        var layout = new ColumnLayout(schema,
        [
            new ColumnEncoding("x", ColumnRole.Numeric, 0, 0, 1, -50, 50, [], false),
            new ColumnEncoding("g", ColumnRole.Discrete, 0, 0, 1, 0, 0, ["a", "b"], false),
        ]);
        var p = new MixtureParameters(2, 1, [2], CovarianceType.Full);
        for (var k = 0; k < 2; k++)
        {
            p.Weights[k] = W[k];
            p.Means[k] = Mean[k];
            p.Covariances[k] = Sd[k] * Sd[k];
            p.CategoryProbabilities[2 * k] = 1 - LabelB[k];
            p.CategoryProbabilities[(2 * k) + 1] = LabelB[k];
        }

        return (layout, p);
    }
}
