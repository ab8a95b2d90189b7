using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests;

public sealed class IndependentSynthesizerTests : SynthesizerContractTests
{
    private protected override ISynthesizer CreateSynthesizer() => new IndependentSynthesizer();

    [Fact]
    public void Sample_NumericColumn_ValuesBetweenObservedOnesNotCopies()
    {
        var data = TestTables.Mixed(500, 31);
        var observed = ((NumericColumn)data["x"]).Values.Where(double.IsFinite).ToHashSet();

        var x = ((NumericColumn)Fit(data).Sample(10_000, new SampleOptions { Seed = 32 })["x"]).Values.Where(double.IsFinite).ToArray();

        var copies = x.Count(observed.Contains);
        Assert.True(copies < x.Length / 100, $"{copies} of {x.Length} sampled values are copies of training values");
        Assert.InRange(x.Min(), observed.Min(), observed.Max());
        Assert.InRange(x.Max(), observed.Min(), observed.Max());
    }

    [Fact]
    public void Sample_NumericColumn_MatchesTrainingDistribution()
    {
        var data = TestTables.Mixed(4000, 33);
        var real = ((NumericColumn)data["x"]).Values.Where(double.IsFinite).ToArray();

        var synthetic = ((NumericColumn)Fit(data).Sample(20_000, new SampleOptions { Seed = 34 })["x"]).Values.Where(double.IsFinite).ToArray();

        var ks = KsStatistic(real, synthetic);
        var critical = StatAssert.KsCritical(real.Length, synthetic.Length);
        Assert.True(ks < critical, $"KS {ks:G4} >= critical c(1e-4)·√((n+m)/(nm)) = {critical:G4}");
    }

    [Fact]
    public void Sample_MissingRateAndCategoryShares_Kept()
    {
        var data = TestTables.Mixed(5000, 35);
        var color = (CategoricalColumn)data["color"];
        var trainShares = color.Counts().Select(c => (double)c / color.Length).ToArray();
        var trainMissing = (double)data["x"].MissingCount / data.RowCount;

        var sample = Fit(data).Sample(20_000, new SampleOptions { Seed = 36 });

        var sampled = ((CategoricalColumn)sample["color"]).Counts();
        for (var k = 0; k < sampled.Length; k++)
        {
            StatAssert.ShareNear(trainShares[k], sampled[k], sample.RowCount);
        }

        StatAssert.ShareNear(trainMissing, sample["x"].MissingCount, sample.RowCount);
    }

    [Fact]
    public void Sample_IntegerAndDateColumns_StayWholeAndWithinBounds()
    {
        var data = TestTables.Mixed(1000, 37);
        var n = ((IntegerColumn)data["n"]).Values;
        var when = ((DateTimeColumn)data["when"]).Ticks;

        var sample = Fit(data).Sample(10_000, new SampleOptions { Seed = 38 });

        Assert.All(((IntegerColumn)sample["n"]).Values, v => Assert.InRange(v, n.Min(), n.Max()));
        Assert.All(((DateTimeColumn)sample["when"]).Ticks, v => Assert.InRange(v, when.Min(), when.Max()));
        Assert.True(((IntegerColumn)sample["n"]).Values.Distinct().Count() > 50);
    }

    [Fact]
    public void Fit_NonFiniteValue_ThrowsSchemaExceptionNamingColumn()
    {
        var data = new Table([new NumericColumn("price", [1.0, double.PositiveInfinity, 3.0])]);

        var error = Assert.Throws<SchemaException>(() => new IndependentSynthesizer().Fit(data, new FitOptions()));

        Assert.Equal("price", error.Column);
    }

    [Fact]
    public void Descriptor_UnknownOption_ThrowsInvalidOptions()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => IndependentSynthesizer.Descriptor.Create(new() { ["knotz"] = 3 }));

        Assert.Contains("knotz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_ListsEveryProblem()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new IndependentOptions { Knots = 1 }.Validate());

        Assert.Single(error.Problems);
    }

    internal static double KsStatistic(double[] a, double[] b)
    {
        var x = a.Order().ToArray();
        var y = b.Order().ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            var v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v)
            {
                i++;
            }

            while (j < y.Length && y[j] <= v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }

        return d;
    }
}
