using Doppel.Data;
using Doppel.Synthesis.Mixtures;
using Doppel.TestKit;
using Xunit.Abstractions;

namespace Doppel.Synthesis.Tests.Mixtures;

public sealed class GmmSweepStabilityTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Fit_AdultNumericSweepThreeSeeds_SameComponentCount()
    {
        var adult = CsvTableReader.Read(TestData.File("adult.csv"));
        var numeric = adult.Select(["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]);
        var options = new GmmOptions { MaxComponents = 20, Restarts = 8, SelectionTolerance = 0 };

        var models = new ulong[] { 0, 1, 2 }.Select(seed => (GmmModel)new GmmSynthesizer(options).Fit(numeric, new FitOptions { Seed = seed })).ToArray();

        foreach (var m in models)
        {
            output.WriteLine($"seed {m.FitSeed}: k = {m.Chosen.Components}; BIC {string.Join(" ", m.Curve.Select(p => p.Score.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        Assert.Single(models.Select(m => m.Chosen.Components).Distinct());
    }
}
