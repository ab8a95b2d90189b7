using Doppel.Data;
using Doppel.Synthesis.KernelDensity;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.PcaMixture;
using Doppel.Synthesis.Smote;

namespace Doppel.Synthesis.Tests.Classical;

/// <summary>Awkward tables for gmm, pca-gmm, kde and smote: each fits and samples rows that respect the data, or fails naming the problem.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string> Synthesizers => ["gmm", "pca-gmm", "kde", "smote"];

    [Theory]
    [InlineData("gmm")]
    [InlineData("pca-gmm")]
    public void Fit_MoreComponentsThanRows_FitsAtMostOnePerRow(string synthesizer)
    {
        var table = new Table([new NumericColumn("x", [1, 5, 9]), new NumericColumn("y", [2, 1, 7])]);
        var mixture = new GmmOptions { MinComponents = 5, MaxComponents = 8 };

        var model = synthesizer == "gmm"
            ? new GmmSynthesizer(mixture).Fit(table, new FitOptions { Seed = 1 })
            : new PcaGmmSynthesizer(new PcaGmmOptions { Mixture = mixture }).Fit(table, new FitOptions { Seed = 1 });
        var sample = model.Sample(100, new SampleOptions { Seed = 2 });

        var chosen = model is GmmModel g ? g.Chosen.Components : ((PcaGmmModel)model).Chosen.Components;
        Assert.InRange(chosen, 1, 3);
        Assert.All(((NumericColumn)sample["x"]).Values, v => Assert.InRange(v, 1, 9));
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Fit_EveryColumnSingleValued_SamplesThatRow(string synthesizer)
    {
        var table = new Table(
        [
            new NumericColumn("x", [.. Enumerable.Repeat(2.5, 40)]),
            new IntegerColumn("n", [.. Enumerable.Repeat(7L, 40)]),
            CategoricalColumn.FromLabels("c", [.. Enumerable.Repeat("only", 40)]),
        ]);

        var sample = Create(synthesizer).Fit(table, new FitOptions { Seed = 1 }).Sample(200, new SampleOptions { Seed = 2 });

        Assert.All(((NumericColumn)sample["x"]).Values, v => Assert.Equal(2.5, v));
        Assert.All(((IntegerColumn)sample["n"]).Values, v => Assert.Equal(7L, v));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal("only", sample["c"].FormatValue(i)));
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Fit_OnlyDuplicatesOfTwoRows_SamplesNearThem(string synthesizer)
    {
        // 100 copies each of (0, 0, "p") and (10, 10, "q"): zero distances between neighbours, singular covariances.
        var x = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 0.0 : 10.0).ToArray();
        var table = new Table([new NumericColumn("x", x), new NumericColumn("y", [.. x]), CategoricalColumn.FromLabels("c", [.. x.Select(v => v == 0 ? "p" : "q")])]);

        var sample = Create(synthesizer).Fit(table, new FitOptions { Seed = 1 }).Sample(500, new SampleOptions { Seed = 2 });

        var xs = ((NumericColumn)sample["x"]).Values;
        var ys = ((NumericColumn)sample["y"]).Values;
        Assert.All(xs, v => Assert.InRange(v, 0, 10));

        // Each mode is reproduced: most rows sit near (0, 0) or (10, 10) with y tracking x.
        var nearModes = Enumerable.Range(0, 500).Count(i => Math.Abs(xs[i] - ys[i]) < 1 && (xs[i] < 1 || xs[i] > 9));
        Assert.True(nearModes >= 450, $"{nearModes} of 500 rows near a training row");
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Fit_AllNumericTable_KeepsTheCorrelationSign(string synthesizer)
    {
        var table = PlantedTables.TwoClusters(600, 3).Select(["x", "y", "count"]);

        var sample = Create(synthesizer).Fit(table, new FitOptions { Seed = 1 }).Sample(1000, new SampleOptions { Seed = 2 });

        // x and count are planted with count ≈ 10 + 5x: the sample keeps a strong positive correlation.
        var x = ((NumericColumn)sample["x"]).Values;
        var n = ((IntegerColumn)sample["count"]).Values.Select(v => (double)v).ToArray();
        var r = MathNet.Numerics.Statistics.Correlation.Pearson(x, n);
        Assert.True(r > 0.9, $"correlation {r:F3}");
    }

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Fit_AllDiscreteTable_SamplesKnownLabels(string synthesizer)
    {
        var table = PlantedTables.AllDiscrete(500, 4);

        var sample = Create(synthesizer).Fit(table, new FitOptions { Seed = 1 }).Sample(800, new SampleOptions { Seed = 2 });

        Assert.Equal(800, sample.RowCount);
        foreach (var column in table.Columns.OfType<CategoricalColumn>())
        {
            var generated = (CategoricalColumn)sample[column.Name];
            Assert.All(Enumerable.Range(0, 800), i => Assert.Contains(generated.FormatValue(i), column.Categories));
        }
    }

    [Fact]
    public void Fit_EmptyTable_MessageNamesTheSynthesizer()
    {
        var table = new Table([new NumericColumn("x", [])]);

        foreach (var name in new[] { "gmm", "pca-gmm", "kde", "smote" })
        {
            var e = Assert.ThrowsAny<DoppelException>(() => Create(name).Fit(table, new FitOptions { Seed = 1 }));
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SmoteTarget_NumericColumn_MessageNamesTheColumn()
    {
        var e = Assert.Throws<SchemaException>(() =>
            new SmoteSynthesizer(new SmoteOptions { Target = "x" }).Fit(PlantedTables.TwoClusters(50, 1), new FitOptions { Seed = 1 }));

        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    private static ISynthesizer Create(string name) => name switch
    {
        "gmm" => new GmmSynthesizer(new GmmOptions { MaxComponents = 6 }),
        "pca-gmm" => new PcaGmmSynthesizer(new PcaGmmOptions { Mixture = new GmmOptions { MaxComponents = 6 } }),
        "kde" => new KdeSynthesizer(),
        _ => new SmoteSynthesizer(),
    };
}
