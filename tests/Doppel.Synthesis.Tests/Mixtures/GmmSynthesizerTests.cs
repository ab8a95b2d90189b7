using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.Tests.Classical;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Mixtures;

public sealed class GmmSynthesizerTests
{
    private const int TrainRows = 3000;
    private const int SampleRows = 20_000;

    private static readonly GmmOptions Small = new() { MaxComponents = 6 };

    [Fact]
    public void Fit_TwoPlantedClusters_ChoosesTwoComponents()
    {
        var table = PlantedTables.TwoClusters(TrainRows, 1);

        var model = (GmmModel)new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 7 });

        Assert.Equal(2, model.Chosen.Components);
        Assert.Equal(6, model.Curve.Length);
        Assert.True(model.Curve[0].Score > model.Chosen.Score, "one component must score worse than the planted two");
    }

    [Fact]
    public void Sample_TwoPlantedClusters_RecoversMeansCorrelationsAndShares()
    {
        var table = PlantedTables.TwoClusters(TrainRows, 2);
        var model = new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 1 });

        var sample = model.Sample(SampleRows, new SampleOptions { Seed = 3 });

        // Error = sampling error + estimation error from the training rows: sd·√(1/N + 1/n).
        var inflation = Math.Sqrt(1 + ((double)SampleRows / TrainRows));
        StatAssert.MeanNear(0.6, Math.Sqrt(9.64) * inflation, PlantedTables.Numbers(sample, "x"));
        var inA = Enumerable.Range(0, sample.RowCount).Where(i => sample["group"].FormatValue(i) == "a").ToArray();
        var a = sample.Take(inA);
        var r = PlantedTables.Correlation(PlantedTables.Numbers(a, "x"), PlantedTables.Numbers(a, "y"));
        var rTolerance = 5 * (1 - (0.8 * 0.8)) * Math.Sqrt((1.0 / a.RowCount) + (1.0 / (0.4 * TrainRows)));
        Assert.True(Math.Abs(r - 0.8) <= rTolerance, $"correlation in cluster a {r:F4}, expected 0.8 ± 5(1-ρ²)√(1/N+1/n) = {rTolerance:F4}");
        var flagYes = Enumerable.Range(0, a.RowCount).Count(i => a["flag"].FormatValue(i) == "yes");
        ShareNear(0.9, flagYes, a.RowCount, 0.4 * TrainRows);
        ShareNear(0.4, inA.Length, SampleRows, TrainRows);
    }

    [Fact]
    public void Sample_IntegerColumn_StaysWholeAndInTrainingRange()
    {
        var table = PlantedTables.TwoClusters(500, 3);
        var model = new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 1 });

        var sample = model.Sample(5000, new SampleOptions { Seed = 3 });

        var train = ((IntegerColumn)table["count"]).Values;
        var values = ((IntegerColumn)sample["count"]).Values;
        Assert.All(values, v => Assert.InRange(v, train.Min(), train.Max()));
    }

    [Fact]
    public void Fit_AllDiscreteLatentClasses_RecoversAssociation()
    {
        var table = PlantedTables.AllDiscrete(4000, 4);
        var model = (GmmModel)new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 2 });

        var sample = model.Sample(SampleRows, new SampleOptions { Seed = 5 });

        Assert.Equal(2, model.Chosen.Components);
        var expected = PlantedTables.JointShare(table, "c0", "p", "c1", "p");
        var observed = PlantedTables.JointShare(sample, "c0", "p", "c1", "p");
        var tolerance = 5 * Math.Sqrt(expected * (1 - expected) * ((1.0 / SampleRows) + (1.0 / 4000)));
        Assert.True(Math.Abs(observed - expected) <= tolerance, $"P(c0=p, c1=p) {observed:F4} vs training {expected:F4}; tolerance 5√(p(1-p)(1/N+1/n)) = {tolerance:F4}");
    }

    [Fact]
    public void Fit_MissingNumericValues_MarginalisesAndKeepsMissingRate()
    {
        var rng = new Rng(11);
        const int n = 4000;
        var x = new double[n];
        var y = new double[n];
        var missing = new bool[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = rng.NextGaussian();
            y[i] = (0.9 * x[i]) + (Math.Sqrt(1 - 0.81) * rng.NextGaussian()) + 5;
            missing[i] = rng.NextDouble() < 0.25;
        }

        var table = new Table([new NumericColumn("x", x), new NumericColumn("y", y, missing)]);
        var model = new GmmSynthesizer(new GmmOptions { MaxComponents = 1 }).Fit(table, new FitOptions { Seed = 1 });

        var sample = model.Sample(SampleRows, new SampleOptions { Seed = 2 });

        ShareNear(0.25, sample["y"].MissingCount, SampleRows, n);
        var inflation = Math.Sqrt(1 + ((double)SampleRows / (0.75 * n)));
        StatAssert.MeanNear(5, inflation, PlantedTables.Numbers(sample, "y"));
        var complete = Enumerable.Range(0, SampleRows).Where(i => !sample["y"].IsMissing(i)).ToArray();
        var part = sample.Take(complete);
        var r = PlantedTables.Correlation(PlantedTables.Numbers(part, "x"), PlantedTables.Numbers(part, "y"));
        Assert.True(Math.Abs(r - 0.9) <= 5 * 0.19 * Math.Sqrt((1.0 / complete.Length) + (1.0 / (0.75 * n))), $"correlation {r:F4}, expected 0.9");
    }

    [Fact]
    public void Sample_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        var table = PlantedTables.TwoClusters(500, 5);
        var model = new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 1 });

        var first = PlantedTables.Cells(model.Sample(1000, new SampleOptions { Seed = 9 }));
        var again = PlantedTables.Cells(model.Sample(1000, new SampleOptions { Seed = 9, BatchSize = 333 }));
        var other = PlantedTables.Cells(model.Sample(1000, new SampleOptions { Seed = 10 }));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Fit_SameSeed_SameModelBytes()
    {
        var table = PlantedTables.TwoClusters(800, 6);

        var a = Bytes(new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 4, MaxDegreeOfParallelism = 1 }));
        var b = Bytes(new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 4, MaxDegreeOfParallelism = 2 }));

        Assert.Equal(a, b);
    }

    [Fact]
    public void SaveLoad_RoundTrip_SamplesIdentically()
    {
        var table = PlantedTables.TwoClusters(500, 7);
        var model = (GmmModel)new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 1 });

        var loaded = (GmmModel)PlantedTables.RoundTrip(model);

        Assert.Equal(model.Curve.ToArray(), loaded.Curve.ToArray());
        Assert.Equal(model.ChosenIndex, loaded.ChosenIndex);
        Assert.Equal(
            PlantedTables.Cells(model.Sample(2000, new SampleOptions { Seed = 1 })),
            PlantedTables.Cells(loaded.Sample(2000, new SampleOptions { Seed = 1 })));
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Tied)]
    [InlineData(CovarianceType.Spherical)]
    public void Fit_EachCovarianceType_SeparatesTheClusters(CovarianceType type)
    {
        var table = PlantedTables.TwoClusters(1000, 8).Select(["x", "y"]);
        var options = new GmmOptions { MinComponents = 2, MaxComponents = 2, CovarianceTypes = [type] };

        var model = (GmmModel)new GmmSynthesizer(options).Fit(table, new FitOptions { Seed = 1 });

        Assert.Equal(type, model.Chosen.Covariance);
        var weights = model.Weights.Order().ToArray();
        var tolerance = 5 * Math.Sqrt(0.24 / 1000);
        Assert.True(Math.Abs(weights[0] - 0.4) <= tolerance, $"smaller weight {weights[0]:F4}, expected 0.4 ± {tolerance:F4}");
    }

    [Fact]
    public void Fit_MoreComponentsThanRows_FitsWithFewerComponents()
    {
        var table = PlantedTables.TwoClusters(4, 9);

        var model = (GmmModel)new GmmSynthesizer(new GmmOptions { MinComponents = 10, MaxComponents = 20 }).Fit(table, new FitOptions { Seed = 1 });

        Assert.Equal(4, model.Chosen.Components);
        Assert.Equal(100, model.Sample(100).RowCount);
    }

    [Fact]
    public void Fit_ConstantColumnAndDuplicateRows_SamplesTheConstant()
    {
        var rows = Enumerable.Range(0, 200).Select(i => i % 3).ToArray();
        var table = new Table(
        [
            new NumericColumn("constant", [.. rows.Select(_ => 4.5)]),
            new NumericColumn("x", [.. rows.Select(r => (double)r)]),
            CategoricalColumn.FromLabels("c", [.. rows.Select(r => r == 0 ? "zero" : "other")]),
        ]);

        var model = new GmmSynthesizer(Small).Fit(table, new FitOptions { Seed = 1 });
        var sample = model.Sample(1000);

        Assert.All(((NumericColumn)sample["constant"]).Values, v => Assert.Equal(4.5, v));
        Assert.All(((NumericColumn)sample["x"]).Values, v => Assert.InRange(v, 0, 2));
    }

    [Fact]
    public void Validate_SeveralBadFields_ListsEveryProblem()
    {
        var options = new GmmOptions { MinComponents = 0, Restarts = 0, Tolerance = -1, CovarianceTypes = [] };

        var e = Assert.Throws<InvalidOptionsException>(() => new GmmSynthesizer(options));

        Assert.Equal(4, e.Problems.Count);
    }

    [Fact]
    public void Descriptor_JsonOverrides_ReachTheOptions()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse("""{"max_components": 3, "covariance_types": ["diagonal", "full"]}""")!.AsObject();

        var synthesizer = (GmmSynthesizer)BuiltInSynthesizers.Registry.Get("gmm").Create(json);

        Assert.Equal(3, synthesizer.Options.MaxComponents);
        Assert.Equal([CovarianceType.Diagonal, CovarianceType.Full], synthesizer.Options.CovarianceTypes.ToArray());
    }

    [Fact]
    public void Descriptor_UnknownOption_Throws()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse("""{"components": 3}""")!.AsObject();

        Assert.Throws<InvalidOptionsException>(() => BuiltInSynthesizers.Registry.Get("gmm").Create(json));
    }

    [Fact]
    public void Choose_FlatTail_PicksFirstPointWithinTolerance()
    {
        var points = new[] { 1000.0, 500, 300, 299, 298.5 }
            .Select((score, i) => new SelectionPoint(i + 1, CovarianceType.Full, -score / 2, (i + 1) * 10, score, 10, true))
            .ToImmutableArray();

        Assert.Equal(2, MixtureSelection.Choose(points, 0.01, 100));
        Assert.Equal(4, MixtureSelection.Choose(points, 0, 100));
    }

    private static void ShareNear(double p, long hits, long n, double trainRows)
    {
        var share = (double)hits / n;
        var tolerance = 5 * Math.Sqrt(p * (1 - p) * ((1.0 / n) + (1.0 / trainRows)));
        Assert.True(Math.Abs(share - p) <= tolerance, $"share {share:F4} vs {p}; tolerance 5√(p(1-p)(1/N+1/n)) = {tolerance:F4}");
    }

    private static byte[] Bytes(ISynthesizerModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }
}
