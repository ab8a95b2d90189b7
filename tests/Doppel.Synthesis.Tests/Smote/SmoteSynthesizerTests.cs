using Doppel.Data;
using Doppel.Synthesis.Smote;
using Doppel.Synthesis.Tests.Classical;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Smote;

public sealed class SmoteContractTests : SynthesizerContractTests
{
    private protected override ISynthesizer CreateSynthesizer() => new SmoteSynthesizer();
}

public sealed class SmoteSynthesizerTests
{
    [Fact]
    public void Search_MatchesBruteForce()
    {
        var rng = new Rng(3);
        const int n = 300;
        var numeric = new float[2][];
        var codes = new float[1][];
        for (var a = 0; a < 2; a++)
        {
            numeric[a] = new float[NearestNeighbours.Padded(n)];
        }

        codes[0] = new float[NearestNeighbours.Padded(n)];
        for (var i = 0; i < n; i++)
        {
            numeric[0][i] = (float)rng.NextGaussian();
            numeric[1][i] = (float)rng.NextGaussian();
            codes[0][i] = rng.Next(3);
        }

        var found = NearestNeighbours.Search(numeric, codes, n, 4, 2);

        for (var q = 0; q < n; q++)
        {
            float Dist(int i) => ((numeric[0][i] - numeric[0][q]) * (numeric[0][i] - numeric[0][q])) + ((numeric[1][i] - numeric[1][q]) * (numeric[1][i] - numeric[1][q])) + (codes[0][i] == codes[0][q] ? 0 : 1);
            var expected = Enumerable.Range(0, n).Where(i => i != q).OrderBy(Dist).ThenBy(i => i).Take(4).ToArray();
            Assert.Equal(expected.Select(Dist), found.AsSpan(q * 4, 4).ToArray().Select(Dist));
        }
    }

    [Fact]
    public void Sample_WithTarget_InterpolatesWithinClass()
    {
        var table = PlantedTables.TwoClusters(2000, 1);
        var model = new SmoteSynthesizer(new SmoteOptions { Target = "group" }).Fit(table, new FitOptions { Seed = 1 });

        var sample = model.Sample(5000, new SampleOptions { Seed = 2 });

        // Clusters are 6 units apart; an interpolation across clusters would land near 0 in both x and y.
        var x = (NumericColumn)sample["x"];
        for (var i = 0; i < sample.RowCount; i++)
        {
            var a = sample["group"].FormatValue(i) == "a";
            Assert.True(a ? x.Values[i] < 1.5 : x.Values[i] > -1.5, $"row {i}: x = {x.Values[i]} in group {(a ? "a" : "b")}");
        }
    }

    [Fact]
    public void Balance_RareClass_BroughtUpToLargest()
    {
        var table = PlantedTables.TwoClusters(1000, 5);
        var counts = Enumerable.Range(0, table.RowCount).GroupBy(i => table["group"].FormatValue(i)).ToDictionary(g => g.Key!, g => g.Count());

        var added = SmoteBalancer.Balance(table, "group", null, 3);

        Assert.Equal(counts["b"] - counts["a"], added.RowCount);
        Assert.All(Enumerable.Range(0, added.RowCount), i => Assert.Equal("a", added["group"].FormatValue(i)));
    }

    [Fact]
    public void Balance_ClassWithOneRow_ClearMessage()
    {
        var table = new Table(
        [
            new NumericColumn("x", [1, 2, 3, 4]),
            CategoricalColumn.FromLabels("c", ["p", "p", "p", "q"]),
        ]);

        var e = Assert.Throws<SchemaException>(() => SmoteBalancer.Balance(table, "c", null, 1));

        Assert.Contains("'q' has only one row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_NumericColumn_ClearMessage() =>
        Assert.Throws<SchemaException>(() => SmoteBalancer.Balance(PlantedTables.TwoClusters(50, 1), "x", null, 1));
}
