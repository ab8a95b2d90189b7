using Doppel.Data;
using Doppel.Synthesis.KernelDensity;
using Doppel.Synthesis.Tests.Classical;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.KernelDensity;

public sealed class KdeContractTests : SynthesizerContractTests
{
    private protected override ISynthesizer CreateSynthesizer() => new KdeSynthesizer(new KdeOptions { ValidationRows = 50, GridSize = 4 });
}

public sealed class KdeSynthesizerTests
{
    [Fact]
    public void Fit_CrossValidated_BandwidthBelowScottForClusteredData()
    {
        var table = PlantedTables.TwoClusters(2000, 1);

        var model = (KdeModel)new KdeSynthesizer().Fit(table, new FitOptions { Seed = 1 });

        var scott = Math.Pow(2000, -1.0 / (3 + 4));
        Assert.InRange(model.Bandwidth, scott * 0.05, scott);
        Assert.InRange(model.DiscreteBandwidth, 0.01, 0.3);
    }

    [Theory]
    [InlineData(BandwidthMethod.Scott, 1.0)]
    [InlineData(BandwidthMethod.Silverman, 1.0592)]
    public void Fit_RuleOfThumb_UsesTheRule(BandwidthMethod method, double ratioToScott)
    {
        var table = PlantedTables.TwoClusters(1000, 2).Select(["x", "y"]);

        var model = (KdeModel)new KdeSynthesizer(new KdeOptions { Bandwidth = method, DiscreteBandwidth = 0.1 }).Fit(table, new FitOptions { Seed = 1 });

        // Silverman / Scott = ((d + 2) / 4)^(-1/(d+4)) = 1^(-1/6) for d = 2 ... times n-independent factor.
        var scott = Math.Pow(1000, -1.0 / 6);
        var expected = method == BandwidthMethod.Scott ? scott : Math.Pow(1000 * 4 / 4.0, -1.0 / 6);
        Assert.Equal(expected, model.Bandwidth, 12);
        Assert.True(ratioToScott > 0);
    }

    [Fact]
    public void Sample_MeansAndSharesMatchTraining()
    {
        var table = PlantedTables.TwoClusters(3000, 3);
        var model = new KdeSynthesizer().Fit(table, new FitOptions { Seed = 1 });

        var sample = model.Sample(20_000, new SampleOptions { Seed = 2 });

        var x = PlantedTables.Numbers(table, "x");
        var sd = Math.Sqrt(x.Select(v => (v - x.Average()) * (v - x.Average())).Average());
        StatAssert.MeanNear(x.Average(), sd * Math.Sqrt(1 + (20_000.0 / 3000)), PlantedTables.Numbers(sample, "x"));
        var expected = PlantedTables.JointShare(table, "group", "a", "flag", "yes");
        var observed = PlantedTables.JointShare(sample, "group", "a", "flag", "yes");
        Assert.True(Math.Abs(observed - expected) < 0.05, $"P(group=a, flag=yes) {observed:F3} vs {expected:F3}: the discrete kernel keeps the pair unless λ is large");
    }

    [Fact]
    public void Sample_AllDiscreteTable_Works()
    {
        var table = PlantedTables.AllDiscrete(500, 4);

        var sample = new KdeSynthesizer().Fit(table, new FitOptions { Seed = 1 }).Sample(1000);

        Assert.Equal(1000, sample.RowCount);
    }

    [Fact]
    public void Validate_BadFields_ListsEach()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => new KdeSynthesizer(new KdeOptions { GridSize = 1, ValidationRows = 0, DiscreteBandwidth = 0.9 }));

        Assert.Equal(3, e.Problems.Count);
    }
}
