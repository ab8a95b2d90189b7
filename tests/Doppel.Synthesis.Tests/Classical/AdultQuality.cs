using System.Globalization;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.TestKit;
using Xunit.Abstractions;

namespace Doppel.Synthesis.Tests.Classical;

/// <summary>The Adult quality protocol of the reference figures: fit on 80% (split seed 0), sample as many rows, score against the 20% holdout.</summary>
internal static class AdultQuality
{
    private static readonly Lazy<(Table Train, Table Holdout)> Split = new(() =>
    {
        var table = CsvTableReader.Read(TestData.File("adult.csv"));
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        var rng = new Rng(0);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var cut = (int)(table.RowCount * 0.8);
        return (table.Take(order.AsSpan(0, cut)), table.Take(order.AsSpan(cut)));
    });

    public static Table Train => Split.Value.Train;

    public static Table Holdout => Split.Value.Holdout;

    /// <summary>Fits, samples as many rows as the training part and evaluates; writes the figures to <paramref name="output"/>.</summary>
    public static QualityReport Run(ISynthesizer synthesizer, ITestOutputHelper output, bool privacy = false)
    {
        var model = synthesizer.Fit(Train, new FitOptions { Seed = 0 });
        var sample = model.Sample(Train.RowCount, new SampleOptions { Seed = 1 });
        var report = QualityEvaluator.Evaluate(Train, sample, new EvaluationOptions
        {
            Seed = 0,
            Target = "income",
            Holdout = Holdout,
            Detection = false,
            Privacy = privacy,
        });
        var ml = report.MlEfficacy?.Synthetic;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{synthesizer.Name}: shapes {report.Quality.ColumnShapes:F3} pairs {report.Quality.ColumnPairTrends:F3} TSTR acc {ml?.Accuracy:F3} macro-F1 {ml?.MacroF1:F3} AUC {ml?.RocAuc:F3}"));
        output.WriteLine("  " + string.Join(", ", report.Columns.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.ShapeScore:F3}"))));
        if (report.Privacy is { } p)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  DCR synthetic median {p.DcrSyntheticMedian:G4}, holdout median {p.DcrHoldoutMedian:G4}, ratio {p.DcrSyntheticMedian / p.DcrHoldoutMedian:F3}"));
        }

        return report;
    }
}
