using Doppel.Synthesis.Specification;

namespace Doppel.Synthesis.Tests.Specification;

public sealed class SpecGeneratorTests
{
    private static GenerationSpec Readme => SpecJson.Read(SpecJsonTests.RepoFile("data/specs/readme_example_2d.json"));

    [Fact]
    public void NormalScale_Hard6Pair_MatchesPublishedMapping()
    {
        // The spec's notes: (x1, x5) = 0.70 needs rho_z = 0.918; (x3, x5) = 0.60 needs 0.854.
        var report = Feasibility.Check(SpecJson.Read(SpecJsonTests.RepoFile("data/specs/hard6_feasible.json")));

        var rho = NortaSampler.NormalScaleMatrix(report, report.AttainableTarget);

        Assert.Equal(0.918, rho[(0 * 6) + 4], 3);
        Assert.Equal(0.854, rho[(2 * 6) + 4], 3);
    }

    [Fact]
    public void Generate_Norta_MarginalsPassKsAndCorrelationWithinSamplingError()
    {
        const int rows = 20_000;

        var result = SpecGenerator.Generate(Readme, rows, new SpecGenerationOptions { Method = SpecMethod.Norta, Seed = 1 });

        // One-sample KS critical value at α = 1e-4: √(-ln(α/2)/2) / √n.
        var critical = Math.Sqrt(-Math.Log(1e-4 / 2) / 2) / Math.Sqrt(rows);
        for (var j = 0; j < 2; j++)
        {
            Assert.True(SpecAccuracy.KolmogorovSmirnov(result.Feasibility.Marginals[j], result.Values[j]) < critical);
        }

        // The sample correlation's sd is at most about 1.5/√n for these marginals; allow 5 of them.
        Assert.InRange(result.Achieved[1], 0.5 - (7.5 / Math.Sqrt(rows)), 0.5 + (7.5 / Math.Sqrt(rows)));
    }

    [Theory]
    [InlineData(SpecMethod.Auto)]
    [InlineData(SpecMethod.ImanConover)]
    public void Generate_ExactMarginalMethods_HitTargetAndKeepMarginals(SpecMethod method)
    {
        const int rows = 10_000;

        var result = SpecGenerator.Generate(Readme, rows, new SpecGenerationOptions { Method = method, Seed = 2 });

        Assert.InRange(Math.Abs(result.Achieved[1] - 0.5), 0, 1e-3);
        for (var j = 0; j < 2; j++)
        {
            // Stratified samples: one value per 1/n slice of probability, so KS is below 1/n.
            Assert.True(SpecAccuracy.KolmogorovSmirnov(result.Feasibility.Marginals[j], result.Values[j]) <= 1.0 / rows);
        }
    }

    [Fact]
    public void Generate_SameSeed_SameValues()
    {
        var a = SpecGenerator.Generate(Readme, 5000, new SpecGenerationOptions { Seed = 9 });
        var b = SpecGenerator.Generate(Readme, 5000, new SpecGenerationOptions { Seed = 9 });
        var c = SpecGenerator.Generate(Readme, 5000, new SpecGenerationOptions { Seed = 10 });

        Assert.Equal(a.Values[0], b.Values[0]);
        Assert.Equal(a.Values[1], b.Values[1]);
        Assert.NotEqual(a.Values[0], c.Values[0]);
    }

    [Fact]
    public void Generate_KendallContinuousSpec_LandsWithinSamplingErrorOfTarget()
    {
        // Kendall is refined through its Gaussian-copula Spearman equivalent (exact for continuous marginals), so the
        // achieved tau carries only its sampling error, sd ≤ √(2(2n+5)/(9n(n-1))) ≈ 0.0067 at n = 10,000; 3 of them.
        var spec = SpecJson.Parse("""
            {"marginals": [{"name": "a", "family": "lognormal", "params": {"meanlog": 0, "sdlog": 1}},
                           {"name": "b", "family": "exponential", "params": {"rate": 1}},
                           {"name": "c", "family": "normal", "params": {"mean": 0, "sd": 1}}],
             "target_corr": [[1, 0.5, -0.3], [0.5, 1, 0.2], [-0.3, 0.2, 1]], "correlation": "kendall"}
            """);

        var result = SpecGenerator.Generate(spec, 10_000, new SpecGenerationOptions { Seed = 4 });

        var (max, _) = SpecAccuracy.Errors(result.Achieved, spec.Target, 3);
        Assert.True(max < 0.02, $"max error {max}");
    }

    [Theory]
    [InlineData("spearman", 1e-3)]
    public void Generate_RankCorrelationSpec_HitsTargetOfThatType(string type, double tolerance)
    {
        var spec = SpecJson.Parse($$$"""
            {"marginals": [{"name": "a", "family": "poisson", "params": {"lambda": 2}},
                           {"name": "b", "family": "lognormal", "params": {"meanlog": 0, "sdlog": 1}},
                           {"name": "c", "family": "categorical", "params": {"labels": ["lo", "mid", "hi"], "probabilities": [0.3, 0.4, 0.3]}}],
             "target_corr": [[1, 0.5, -0.3], [0.5, 1, 0.2], [-0.3, 0.2, 1]], "correlation": "{{{type}}}"}
            """);

        var result = SpecGenerator.Generate(spec, 10_000, new SpecGenerationOptions { Seed = 4 });

        var (max, _) = SpecAccuracy.Errors(result.Achieved, spec.Target, 3);
        Assert.True(max < tolerance, $"max error {max}");
        Assert.Equal(["lo", "mid", "hi"], ((Doppel.Data.CategoricalColumn)result.Table[2]).Categories.ToArray());
    }

    [Fact]
    public void Generate_Seed12d_AttainablePairsCloseAndUnattainableAtTheirBound()
    {
        var report = Feasibility.Check(SpecJson.Read(SpecJsonTests.RepoFile("data/specs/seed_train_py_12d.json")));

        var result = SpecGenerator.Generate(report, 20_000, new SpecGenerationOptions { Seed = 1 });

        var attainable = report.Pairs.ToDictionary(p => (p.First, p.Second), p => p.IsAttainable);
        var (_, meanOk) = SpecAccuracy.Errors(result.Achieved, report.Spec.Target, 12, (i, j) => attainable[(i, j)]);
        Assert.True(meanOk < 0.0089, $"mean error over attainable pairs {meanOk}");
        foreach (var p in report.Pairs)
        {
            // A sample correlation can exceed the population bound only by sampling error, a few 1/√n.
            Assert.InRange(result.Achieved[(p.First * 12) + p.Second], p.Lower - 0.03, p.Upper + 0.03);
        }
    }
}
