using Doppel.Data;
using Doppel.Synthesis.Balancing;
using Doppel.Synthesis.KernelDensity;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.PcaMixture;
using Doppel.Synthesis.Smote;
using Doppel.Synthesis.Tests.Classical;

namespace Doppel.Synthesis.Tests.Balancing;

public sealed class ClassBalancerTests
{
    private static readonly Table Planted = PlantedTables.TwoClusters(1000, 5);

    private static readonly Dictionary<string, int> Counts = Enumerable.Range(0, Planted.RowCount)
        .GroupBy(i => Planted["group"].FormatValue(i)!).ToDictionary(g => g.Key, g => g.Count());

    public static TheoryData<string> Conditioned => ["gmm", "pca-gmm", "kde"];

    [Theory]
    [MemberData(nameof(Conditioned))]
    public void Balance_ConditionedModel_RareClassBroughtUpFromItsCluster(string synthesizer)
    {
        var model = Fit(synthesizer, Planted);

        var result = ClassBalancer.Balance(model, "group", 3);

        var rows = result.Rows;
        Assert.Equal(Counts["b"] - Counts["a"], rows.RowCount);
        Assert.Equal([("a", (long)Counts["a"], (long)(Counts["b"] - Counts["a"])), ("b", Counts["b"], 0L)],
            result.Classes.Select(c => (c.Label, c.TrainingRows, c.Generated)));
        Assert.All(Enumerable.Range(0, rows.RowCount), i => Assert.Equal("a", rows["group"].FormatValue(i)));

        // Cluster a is centred at x = -3 with sd 1: the generated mean lies within 5 sd/√n of it (plus the fitted model's bias, < 0.3).
        var x = ((NumericColumn)rows["x"]).Values;
        var tolerance = 0.3 + (5 / Math.Sqrt(x.Length));
        Assert.True(Math.Abs(x.Average() + 3) < tolerance, $"mean x {x.Average():F3}, expected -3 ± {tolerance:F3}");
    }

    [Fact]
    public void Balance_SmoteFittedWithoutTarget_InterpolatesWithinTheClass()
    {
        var model = new SmoteSynthesizer().Fit(Planted, new FitOptions { Seed = 1 });

        var rows = ClassBalancer.Balance(model, "group", 3).Rows;

        // Parents are two rows of cluster a (x in its training range); a neighbour from cluster b would pull x above it.
        var aRows = Enumerable.Range(0, Planted.RowCount).Where(i => Planted["group"].FormatValue(i) == "a").ToArray();
        var max = aRows.Max(i => ((NumericColumn)Planted["x"]).Values[i]);
        Assert.Equal(Counts["b"] - Counts["a"], rows.RowCount);
        Assert.All(((NumericColumn)rows["x"]).Values, v => Assert.True(v <= max + 1e-9, $"x = {v} above class a's largest {max}"));
    }

    [Fact]
    public void Balance_SmoteClassWithOneMember_MessageNamesClassAndAlternatives()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 3, 4]), CategoricalColumn.FromLabels("c", ["p", "p", "p", "q"])]);
        var model = new SmoteSynthesizer().Fit(table, new FitOptions { Seed = 1 });

        var e = Assert.Throws<SchemaException>(() => ClassBalancer.Balance(model, "c", 1));

        Assert.Contains("'q' has only one row", e.Message, StringComparison.Ordinal);
        Assert.Contains("gmm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Balance_GmmClassWithOneMember_SampledFromTheMixture()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 3, 4, 5, 6]), CategoricalColumn.FromLabels("c", ["p", "p", "p", "p", "p", "q"])]);
        var model = Fit("gmm", table);

        var rows = ClassBalancer.Balance(model, "c", 1).Rows;

        Assert.Equal(4, rows.RowCount);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal("q", rows["c"].FormatValue(i)));
    }

    [Fact]
    public void Balance_GaussianCopula_RefusedNamingTheModel()
    {
        var model = new GaussianCopulaSynthesizer().Fit(Planted, new FitOptions { Seed = 1 });

        var e = Assert.Throws<InvalidOptionsException>(() => ClassBalancer.Balance(model, "group", 1));

        Assert.Contains("'gaussian-copula'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gmm")]
    [InlineData("smote")]
    public void Balance_NumericOrUnknownColumn_MessageNamesTheColumn(string synthesizer)
    {
        var model = Fit(synthesizer, Planted);

        var numeric = Assert.Throws<SchemaException>(() => ClassBalancer.Balance(model, "x", 1));
        var unknown = Assert.Throws<SchemaException>(() => ClassBalancer.Balance(model, "nope", 1));

        Assert.Contains("'x'", numeric.Message, StringComparison.Ordinal);
        Assert.Contains("categorical or boolean", numeric.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingCounts_GmmSavedAndLoaded_SameCounts()
    {
        var model = Fit("gmm", Planted);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = (ITrainingCounts)ModelFile.Load(stream, "m.model", BuiltInSynthesizers.Registry);

        Assert.Equal(((ITrainingCounts)model).TrainingCounts("flag"), loaded.TrainingCounts("flag"));
        Assert.Equal([("a", (long)Counts["a"]), ("b", Counts["b"])], loaded.TrainingCounts("group"));
    }

    [Fact]
    public void Balance_AlreadyBalanced_NoRows()
    {
        var table = new Table([new NumericColumn("x", [1, 2, 3, 4]), CategoricalColumn.FromLabels("c", ["p", "q", "p", "q"])]);

        var result = ClassBalancer.Balance(Fit("kde", table), "c", 1);

        Assert.Equal(0, result.Rows.RowCount);
        Assert.Equal(["x", "c"], result.Rows.Schema.Columns.Select(c => c.Name));
    }

    private static ISynthesizerModel Fit(string synthesizer, Table table)
    {
        ISynthesizer s = synthesizer switch
        {
            "gmm" => new GmmSynthesizer(new GmmOptions { MaxComponents = 4 }),
            "pca-gmm" => new PcaGmmSynthesizer(new PcaGmmOptions { Mixture = new GmmOptions { MaxComponents = 4 } }),
            "kde" => new KdeSynthesizer(),
            _ => new SmoteSynthesizer(),
        };
        return s.Fit(table, new FitOptions { Seed = 1 });
    }
}
