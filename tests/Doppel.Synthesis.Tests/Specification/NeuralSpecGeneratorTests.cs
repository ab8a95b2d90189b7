using Doppel.Synthesis.Specification;
using Doppel.Synthesis.Specification.Neural;

namespace Doppel.Synthesis.Tests.Specification;

public sealed class NeuralSpecGeneratorTests
{
    private const int Rows = 20_000;

    // A small, fast training run: 800 steps of 128 rows.
    private static readonly SpecGenerationOptions Fast = new()
    {
        Method = SpecMethod.Neural,
        Seed = 5,
        Neural = new NeuralSpecOptions { Steps = 800, BatchSize = 128, HiddenWidth = 64, HiddenLayers = 2, LearningRate = 5e-3f },
    };

    private static GenerationSpec Readme => SpecJson.Read(SpecJsonTests.RepoFile("data/specs/readme_example_2d.json"));

    [Fact]
    public void Generate_ReadmeSpec_CorrelationAndMarginalsClose()
    {
        var result = SpecGenerator.Generate(Readme, Rows, Fast);

        // Tolerance = training error + sampling error. The loss is the squared Frobenius distance 2(r - 0.5)² on a
        // batch of 128, whose own correlation has sd ≈ (1 - 0.25)/√128 ≈ 0.066: the trained network is unbiased only
        // up to a fraction of that; allow 0.04 for training plus 5 sampling sd (1.5/√n) of the 20,000 drawn rows.
        var tolerance = 0.04 + (7.5 / Math.Sqrt(Rows));
        Assert.InRange(result.Achieved[1], 0.5 - tolerance, 0.5 + tolerance);

        // The quantile loss matches 128 quantile levels, so the marginal is resolved to about 1/128 ≈ 0.008 in
        // probability; the smooth network bends round the exponential's density jump at 0, which costs about four
        // such steps after 800 steps (measured KS 0.013 and 0.031). Bound: 0.05, about six steps, plus sampling
        // (< 0.015 at α = 1e-4). A network that ignored the quantile loss would be off by far more.
        for (var j = 0; j < 2; j++)
        {
            var ks = SpecAccuracy.KolmogorovSmirnov(result.Feasibility.Marginals[j], result.Values[j]);
            Assert.True(ks < 0.05, $"column {j}: KS {ks:F4}");
        }

        Assert.Equal(SpecMethod.Neural, result.Method);
    }

    [Fact]
    public void Generate_CategoricalColumn_SharesAndCorrelationClose()
    {
        var spec = SpecJson.Parse("""
            {"marginals": [{"name": "x", "family": "normal", "params": {"mean": 0, "sd": 1}},
                           {"name": "c", "family": "categorical", "params": {"labels": ["lo", "mid", "hi"], "probabilities": [0.2, 0.5, 0.3]}}],
             "target_corr": [[1, 0.6], [0.6, 1]], "correlation": "pearson"}
            """);

        var result = SpecGenerator.Generate(spec, Rows, Fast);

        // Shares: the loss matches the batch's mean Gumbel-softmax probabilities, so the hard draws' shares carry
        // the fit error; allow 0.04 per category (binomial sampling sd ≤ 0.0036 at 20,000 rows adds little).
        double[] expected = [0.2, 0.5, 0.3];
        for (var c = 0; c < 3; c++)
        {
            var share = result.Values[1].Count(v => v == c) / (double)Rows;
            Assert.InRange(share, expected[c] - 0.04, expected[c] + 0.04);
        }

        // Correlation: trained on hard (straight-through) draws like the sampled ones; allow 0.05 = 0.02 training
        // error (measured 0.0003) + 5 sampling sd (≈ 0.0055 each at 20,000 rows). Soft codes in training gave 0.535.
        Assert.InRange(result.Achieved[1], 0.55, 0.65);
        Assert.Equal(["lo", "mid", "hi"], ((Doppel.Data.CategoricalColumn)result.Table[1]).Categories.ToArray());
    }

    [Fact]
    public void Generate_SameSeed_SameRows()
    {
        var options = Fast with { Neural = Fast.Neural with { Steps = 50 } };

        var first = SpecGenerator.Generate(Readme, 500, options);
        var second = SpecGenerator.Generate(Readme, 500, options);
        var other = SpecGenerator.Generate(Readme, 500, options with { Seed = 6 });

        Assert.Equal(first.Values[0], second.Values[0]);
        Assert.Equal(first.Values[1], second.Values[1]);
        Assert.NotEqual(first.Values[0], other.Values[0]);
    }

    [Fact]
    public void SnapToAtoms_ValuesBetweenAtoms_TakeTheNearest()
    {
        double[] column = [-3, 0.4, 0.6, 1.5, 2.2, 9];

        NeuralSpecGenerator.SnapToAtoms(column, [0, 1, 2]);

        Assert.Equal([0, 0, 1, 1, 2, 2], column);
    }

    [Fact]
    public void Validate_BadNeuralOptions_ListsEveryField()
    {
        var options = new NeuralSpecOptions { Steps = 0, BatchSize = 4, LearningRate = -1 };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Contains("Steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("LearningRate", error.Message, StringComparison.Ordinal);
    }
}
