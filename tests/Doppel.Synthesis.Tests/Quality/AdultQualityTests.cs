using Doppel.Data;
using Doppel.TestKit;
using Xunit.Abstractions;

namespace Doppel.Synthesis.Tests;

[Trait("Category", "Slow")]
public sealed class AdultQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("gaussian-copula", 0UL)]
    [InlineData("gaussian-copula", 1UL)]
    [InlineData("independent", 0UL)]
    public void Fit_Adult_Scores(string name, ulong seed)
    {
        var adult = CsvTableReader.Read(TestData.File("adult.csv"));
        var (train, _) = LocalQualityScores.Split(adult, 0.8, 0);

        var model = BuiltInSynthesizers.Registry.Get(name).Create(null).Fit(train, new FitOptions { Seed = seed });
        var synthetic = model.Sample(train.RowCount, new SampleOptions { Seed = seed });

        var shapes = LocalQualityScores.ColumnShapes(train, synthetic);
        var pairs = LocalQualityScores.PairTrends(train, synthetic);
        output.WriteLine($"{name} seed {seed}: shapes {shapes:F4}, pair trends {pairs:F4}");
        foreach (var line in LocalQualityScores.PairDetails(train, synthetic))
        {
            output.WriteLine(line);
        }
    }
}
