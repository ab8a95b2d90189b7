using Doppel.Data;
using Doppel.Synthesis.Specification;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Specification;

public sealed class SpecInferenceTests
{
    [Fact]
    public void Infer_PlantedGammaPoissonAndCategory_RecoversFamiliesAndCorrelation()
    {
        const int rows = 20_000;
        var planted = SpecJson.Parse("""
            {"marginals": [{"name": "g", "family": "gamma", "params": {"shape": 3, "scale": 2}},
                           {"name": "p", "family": "poisson", "params": {"lambda": 4}},
                           {"name": "c", "family": "categorical", "params": {"labels": ["a", "b", "c"], "probabilities": [0.5, 0.3, 0.2]}}],
             "target_corr": [[1, 0.6, 0.3], [0.6, 1, 0.2], [0.3, 0.2, 1]]}
            """);
        var table = SpecGenerator.Generate(planted, rows, new SpecGenerationOptions { Method = SpecMethod.Norta, Seed = 5 }).Table;

        var inferred = SpecInference.Infer(table);

        var spec = inferred.Spec;
        Assert.Equal(["gamma", "poisson", "categorical"], spec.Marginals.Select(m => m.Family).ToArray());
        // MLE of the gamma shape from n draws has sd ≈ shape·√(2/n)·1.2 at shape 3; 5 of them.
        Assert.InRange(spec.Marginals[0].Parameters["shape"], 3 - (5 * 3 * 1.2 * Math.Sqrt(2.0 / rows)), 3 + (5 * 3 * 1.2 * Math.Sqrt(2.0 / rows)));
        StatAssert.ShareNear(0.5, (long)Math.Round(spec.Marginals[2].Probabilities[0] * rows), rows);
        // Sample correlation sd ≤ 1.5/√n here; 5 of them.
        Assert.InRange(spec.TargetAt(0, 1), 0.6 - (7.5 / Math.Sqrt(rows)), 0.6 + (7.5 / Math.Sqrt(rows)));
    }

    [Fact]
    public void Infer_ColumnNoFamilyFits_FallsBackToEmpirical()
    {
        var rng = new Rng(3);
        // A two-bump mixture: no single family fits at n = 20,000.
        var values = Enumerable.Range(0, 20_000).Select(i => (i % 2 == 0 ? 0.0 : 10.0) + rng.NextGaussian()).ToArray();
        var other = values.Select(v => v + (3 * rng.NextGaussian())).ToArray();
        var table = new Table([new NumericColumn("mix", values), new NumericColumn("other", other)]);

        var inferred = SpecInference.Infer(table);

        Assert.Equal("empirical", inferred.Spec.Marginals[0].Family);
        Assert.Equal(201, inferred.Spec.Marginals[0].Quantiles.Length);
        Assert.Contains(inferred.Notes, n => n.StartsWith("mix: empirical", StringComparison.Ordinal));
    }

    [Fact]
    public void Infer_Adult_ProducesAValidSpecThatGenerates()
    {
        var table = CsvTableReader.Read(TestData.File("adult.csv"), new CsvReadOptions { MissingTokens = ["", "?"] });

        var inferred = SpecInference.Infer(table);
        var result = SpecGenerator.Generate(inferred.Spec, 3000, new SpecGenerationOptions { Seed = 1 });

        Assert.Equal(inferred.Spec.Dimension, result.Table.ColumnCount);
        Assert.Equal(3000, result.Table.RowCount);
    }
}
