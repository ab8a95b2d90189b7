using Doppel.Synthesis.Specification;

namespace Doppel.Synthesis.Tests.Specification;

public sealed class FeasibilityTests
{
    [Fact]
    public void Check_ReadmeExample_BoundsMatchClosedForm()
    {
        // Normal with exponential: the comonotone correlation is E[Z·E]/sd = ∫ Φ⁻¹(u)(-ln(1-u)) du = 0.9032.
        var report = Feasibility.Check(SpecJson.Read(SpecJsonTests.RepoFile("data/specs/readme_example_2d.json")));

        var pair = Assert.Single(report.Pairs);
        Assert.Equal(0.9032, pair.Upper, 4);
        Assert.Equal(-0.9032, pair.Lower, 4);
        Assert.True(report.IsFeasible);
    }

    [Fact]
    public void Check_BernoulliWithNormal_UpperBoundIsClosedForm()
    {
        // max corr(Bernoulli(p), Normal) = φ(Φ⁻¹(p)) / √(p(1-p)).
        var report = Feasibility.Check(SpecJson.Read(SpecJsonTests.RepoFile("data/specs/seed_train_py_12d.json")));
        var p = 0.314;
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
        var expected = MathNet.Numerics.Distributions.Normal.PDF(0, 1, z) / Math.Sqrt(p * (1 - p));

        var pair = report.Pairs.Single(x => x.FirstName == "x1" && x.SecondName == "x3");

        Assert.Equal(expected, pair.Upper, 6);
    }

    [Fact]
    public void Check_Seed12d_NamesThe13InfeasiblePairs()
    {
        var report = Feasibility.Check(SpecJson.Read(SpecJsonTests.RepoFile("data/specs/seed_train_py_12d.json")));

        Assert.Equal(13, report.InfeasiblePairs.Count());
        Assert.False(report.IsPositiveSemidefinite);
        Assert.Contains("(x3, x11): target 0.7700", report.Describe(), StringComparison.Ordinal);
        var attainable = report.AttainableTarget.ToArray();
        Assert.True(NearestCorrelation.MinEigenvalue(attainable, 12) >= -1e-9);
        foreach (var p in report.Pairs)
        {
            Assert.InRange(attainable[(p.First * 12) + p.Second], p.Lower - 1e-6, p.Upper + 1e-6);
        }
    }

    [Fact]
    public void Check_SpearmanContinuous_BoundsAreOne()
    {
        var spec = SpecJson.Parse("""
            {"marginals": [{"name": "a", "family": "lognormal", "params": {"meanlog": 0, "sdlog": 2}},
                           {"name": "b", "family": "exponential", "params": {"rate": 1}}],
             "target_corr": [[1, -0.9], [-0.9, 1]], "correlation": "spearman"}
            """);

        var pair = Feasibility.Check(spec).Pairs.Single();

        Assert.Equal(1, pair.Upper, 4);
        Assert.Equal(-1, pair.Lower, 4);
    }

    [Fact]
    public void Check_KendallWithBernoulli_BoundIsSqrtOneMinusTies()
    {
        var spec = SpecJson.Parse("""
            {"marginals": [{"name": "a", "family": "bernoulli", "params": {"p": 0.3}},
                           {"name": "b", "family": "normal", "params": {"mean": 0, "sd": 1}}],
             "target_corr": [[1, 0.2], [0.2, 1]], "correlation": "kendall"}
            """);

        var pair = Feasibility.Check(spec).Pairs.Single();

        Assert.Equal(Math.Sqrt(1 - (0.3 * 0.3) - (0.7 * 0.7)), pair.Upper, 9);
    }

    [Fact]
    public void NearestCorrelation_NonPsd_ReturnsPsdUnitDiagonal()
    {
        double[] a = [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1];

        var x = NearestCorrelation.Project(a, 3);

        Assert.True(NearestCorrelation.MinEigenvalue(x, 3) >= -1e-9);
        Assert.Equal(1, x[4], 12);
        Assert.Equal(x[1], x[3], 12);
    }
}
