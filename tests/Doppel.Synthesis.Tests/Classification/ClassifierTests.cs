using Doppel.Data;
using Doppel.Synthesis.Classification;
using Doppel.Synthesis.Tests.Classical;
using Doppel.TestKit;
using Xunit.Abstractions;

namespace Doppel.Synthesis.Tests.Classification;

public sealed class ClassifierTests(ITestOutputHelper output)
{
    private static readonly Lazy<(Table Train, Table Test)> Digits = new(() =>
    {
        var table = CsvTableReader.Read(TestData.File("digits.csv"));
        var order = Enumerable.Range(0, table.RowCount).ToArray();
        var rng = new Rng(0);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        // The fixed split: a permutation by Rng(0), the first 75% train, the rest test.
        var cut = table.RowCount * 3 / 4;
        return (table.Take(order.AsSpan(0, cut)), table.Take(order.AsSpan(cut)));
    });

    [Fact]
    public void NotSoNaiveBayes_Digits_AtLeastNinetyNinePercent()
    {
        var (train, test) = Digits.Value;

        var model = NotSoNaiveBayes.Fit(train, "digit");
        var accuracy = model.Accuracy(test);

        output.WriteLine($"not-so-naive Bayes: test accuracy {accuracy:F4} (bandwidth {model.Bandwidth:G4}, standardised {model.Standardised}, shrinkage {model.Shrinkage}, components {model.Components})");
        // Everything is chosen by leave-one-out on the training rows; this split gives 448 of 450 (0.9956).
        Assert.True(accuracy >= 0.99, $"test accuracy {accuracy:F4} on {test.RowCount} rows");
    }

    [Fact]
    public void GaussianNaiveBayes_Digits_FarBelowKernelClassifier()
    {
        var (train, test) = Digits.Value;

        var accuracy = GaussianNaiveBayes.Fit(train, "digit").Accuracy(test);

        output.WriteLine($"Gaussian naive Bayes: test accuracy {accuracy:F4}");
        Assert.InRange(accuracy, 0.6, 0.95);
    }

    [Fact]
    public void NotSoNaiveBayes_MixedTable_PredictsPlantedGroup()
    {
        var train = PlantedTables.TwoClusters(600, 1);
        var test = PlantedTables.TwoClusters(400, 2);

        var accuracy = NotSoNaiveBayes.Fit(train, "group").Accuracy(test);

        // The clusters are 6 sd apart on both axes: the Bayes error is below 1e-4.
        Assert.True(accuracy >= 0.99, $"accuracy {accuracy:F4}");
    }

    [Fact]
    public void Fit_SingleClass_ClearMessage()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 3]), CategoricalColumn.FromLabels("y", ["a", "a", "a"])]);

        var e = Assert.Throws<SchemaException>(() => NotSoNaiveBayes.Fit(table, "y"));

        Assert.Contains("single class", e.Message, StringComparison.Ordinal);
    }
}
