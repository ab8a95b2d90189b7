using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.TestKit;
using Xunit.Abstractions;

namespace Doppel.Synthesis.Tests;

/// <summary>
/// The classical synthesizers on Adult, scored as in the reference figures: fit on 80% of the rows (split seed 0),
/// sample as many rows, column shapes and pair trends against the training rows, TSTR (LightGBM) on the 20% holdout.
/// Thresholds: the measured figure less the noise between seeds (about 0.01 on shapes and pair trends, 0.02 on AUC).
/// </summary>
[Trait("Category", "Slow")]
public sealed class AdultQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    public void GaussianCopula_Adult_MeetsTheTargets(ulong seed)
    {
        var report = Evaluate(GaussianCopulaSynthesizer.Descriptor, null, seed);

        // Measured 0.995 / 0.948 / 0.873 (seed 0) and 0.996 / 0.949 / 0.873 (seed 1); targets 0.99 / 0.93 / 0.85.
        Assert.InRange(report.Quality.ColumnShapes!.Value, 0.99, 1);
        Assert.InRange(report.Quality.ColumnPairTrends!.Value, 0.935, 1);
        Assert.InRange(report.MlEfficacy!.Synthetic!.RocAuc!.Value, 0.85, 1);
    }

    [Fact]
    public void Independent_Adult_KeepsShapesButNoRelations()
    {
        var report = Evaluate(IndependentSynthesizer.Descriptor, null, 0);

        // Measured 0.996 / 0.919 / 0.49: the marginals are right, the income column is unrelated to the rest.
        Assert.InRange(report.Quality.ColumnShapes!.Value, 0.99, 1);
        Assert.InRange(report.Quality.ColumnPairTrends!.Value, 0.90, 0.93);
        Assert.InRange(report.MlEfficacy!.Synthetic!.RocAuc!.Value, 0.4, 0.6);
    }

    [Fact]
    public void GaussianCopula_UniformTieScores_Adult_Recorded()
    {
        var report = Evaluate(GaussianCopulaSynthesizer.Descriptor, new JsonObject { ["tie_scores"] = "uniform" }, 0);

        // The usual treatment (a uniform draw within each category's interval) weakens the correlations:
        // measured 0.995 / 0.941 / 0.849. Kept as a record of the choice of default; loose bounds.
        Assert.InRange(report.Quality.ColumnPairTrends!.Value, 0.925, 0.96);
        Assert.InRange(report.MlEfficacy!.Synthetic!.RocAuc!.Value, 0.82, 0.9);
    }

    private QualityReport Evaluate(SynthesizerDescriptor descriptor, JsonObject? options, ulong seed)
    {
        var adult = CsvTableReader.Read(TestData.File("adult.csv"));
        var (train, holdout) = Split(adult, 0.2, 0);
        var model = descriptor.Create(options).Fit(train, new FitOptions { Seed = seed });
        var synthetic = model.Sample(train.RowCount, new SampleOptions { Seed = seed });
        var report = QualityEvaluator.Evaluate(train, synthetic, new EvaluationOptions
        {
            Target = "income",
            Holdout = holdout,
            Detection = false,
            Privacy = false,
        });
        var ml = report.MlEfficacy?.Synthetic;
        output.WriteLine($"{descriptor.Name} {options?.ToJsonString()} seed {seed}: shapes {report.Quality.ColumnShapes:F4}, " +
            $"pair trends {report.Quality.ColumnPairTrends:F4}, TSTR acc {ml?.Accuracy:F4} macro-F1 {ml?.MacroF1:F4} AUC {ml?.RocAuc:F4}");
        return report;
    }

    /// <summary>Rows shuffled by <c>Rng(seed)</c>; the last <paramref name="holdoutShare"/> of them are the holdout.</summary>
    private static (Table Train, Table Holdout) Split(Table table, double holdoutShare, ulong seed)
    {
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        new Rng(seed).Shuffle(order);
        var cut = (int)Math.Round(table.RowCount * (1 - holdoutShare));
        return (table.Take(order.AsSpan(0, cut)), table.Take(order.AsSpan(cut)));
    }
}
