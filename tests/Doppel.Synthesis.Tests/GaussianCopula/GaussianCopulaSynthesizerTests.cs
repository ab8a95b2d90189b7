using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests;

public sealed class GaussianCopulaSynthesizerTests : SynthesizerContractTests
{
    protected override ISynthesizer CreateSynthesizer() => new GaussianCopulaSynthesizer();

    [Fact]
    public void Sample_PlantedCorrelation_Recovered()
    {
        const double rho = 0.7;
        const int n = 5000;
        var rng = new Rng(41);
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            var z1 = rng.NextGaussian();
            var z2 = rng.NextGaussian();
            a[i] = z1;
            b[i] = Math.Exp((rho * z1) + (Math.Sqrt(1 - (rho * rho)) * z2));
        }

        var data = new Table([new NumericColumn("a", a), new NumericColumn("b", b)]);
        var sample = new GaussianCopulaSynthesizer().Fit(data, new FitOptions { Seed = 42 }).Sample(20_000, new SampleOptions { Seed = 43 });

        // Spearman's rank correlation is invariant to the marginals: for a Gaussian copula it is (6/π)·asin(ρ/2).
        var expected = 6 / Math.PI * Math.Asin(rho / 2);
        var observed = Spearman(((NumericColumn)sample["a"]).Values, ((NumericColumn)sample["b"]).Values);
        // The standard error of a rank correlation is about (1 - r²)/√n for each of the fit and the sample.
        var tolerance = 5 * (1 - (expected * expected)) * Math.Sqrt((1.0 / n) + (1.0 / 20_000));
        Assert.True(Math.Abs(observed - expected) < tolerance, $"Spearman {observed:F4}, expected {expected:F4} ± 5·(1-r²)·√(1/n+1/m) = {tolerance:F4}");
    }

    [Fact]
    public void Sample_CategoryDependsOnNumber_DependenceKept()
    {
        const int n = 4000;
        var rng = new Rng(44);
        var x = new double[n];
        var label = new string?[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = rng.NextGaussian();
            label[i] = x[i] + (0.3 * rng.NextGaussian()) > 0 ? "high" : "low";
        }

        var data = new Table([new NumericColumn("x", x), CategoricalColumn.FromLabels("label", label)]);
        var sample = new GaussianCopulaSynthesizer().Fit(data, new FitOptions { Seed = 45 }).Sample(10_000, new SampleOptions { Seed = 46 });

        var xs = ((NumericColumn)sample["x"]).Values;
        var labels = (CategoricalColumn)sample["label"];
        var high = labels.Categories.IndexOf("high");
        var meanHigh = Enumerable.Range(0, xs.Length).Where(i => labels.Codes[i] == high).Average(i => xs[i]);
        var meanLow = Enumerable.Range(0, xs.Length).Where(i => labels.Codes[i] != high).Average(i => xs[i]);
        // Training data: the group means lie about ±0.76 from 0. Independent columns would give a difference of 0 with a
        // standard error of about √(1/5000 + 1/5000) ≈ 0.03; the copula's jittered scores attenuate the link, so
        // asking for half of the real gap (1.5) is a clear test of dependence, 25 standard errors away from none.
        Assert.True(meanHigh - meanLow > 0.75, $"group means {meanHigh:F3} and {meanLow:F3} should differ by more than 0.75");
    }

    [Fact]
    public void Fit_DuplicatedColumn_RepairsCorrelationAndSamples()
    {
        var rng = new Rng(47);
        var a = Enumerable.Range(0, 1000).Select(_ => rng.NextGaussian()).ToArray();
        var data = new Table([new NumericColumn("a", a), new NumericColumn("b", [.. a]), new NumericColumn("c", [.. a.Select(v => -v)])]);

        var model = (GaussianCopulaModel)new GaussianCopulaSynthesizer().Fit(data, new FitOptions { Seed = 48 });
        var sample = model.Sample(2000, new SampleOptions { Seed = 49 });

        Assert.True(model.Correlation[1] > 0.99, $"corr(a, b) = {model.Correlation[1]}");
        var sa = ((NumericColumn)sample["a"]).Values;
        var sc = ((NumericColumn)sample["c"]).Values;
        Assert.True(Spearman(sa, sc) < -0.99);
    }

    [Fact]
    public void Fit_ParametricMarginals_ChoosesLognormalForLognormalData()
    {
        var rng = new Rng(50);
        var x = Enumerable.Range(0, 5000).Select(_ => Math.Exp(1 + (0.8 * rng.NextGaussian()))).ToArray();
        var data = new Table([new NumericColumn("x", x)]);
        var options = new GaussianCopulaOptions { Marginals = MarginalFamily.Parametric };

        var model = new GaussianCopulaSynthesizer(options).Fit(data, new FitOptions { Seed = 51 });
        var sample = ((NumericColumn)model.Sample(20_000, new SampleOptions { Seed = 52 })["x"]).Values;

        var marginals = MarginalSet.Read(ReadBack(model));
        Assert.Equal("lognormal", ((NumericMarginal)marginals.Columns[0]).Parametric?.Family);
        var ks = IndependentSynthesizerTests.KsStatistic(x, sample);
        Assert.True(ks < StatAssert.KsCritical(x.Length, sample.Length), $"KS {ks:G4}");
        Assert.InRange(sample.Min(), x.Min(), x.Max());
    }

    [Fact]
    public void Descriptor_Overrides_ReachTheOptions()
    {
        var synthesizer = (GaussianCopulaSynthesizer)GaussianCopulaSynthesizer.Descriptor.Create(new() { ["marginals"] = "parametric", ["knots"] = 100 });

        Assert.Equal(new GaussianCopulaOptions { Marginals = MarginalFamily.Parametric, Knots = 100 }, synthesizer.Options);
    }

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new GaussianCopulaOptions { Knots = 0, EigenvalueFloor = 2 }.Validate());

        Assert.Equal(2, error.Problems.Count);
    }

    private static ModelReader ReadBack(ISynthesizerModel model)
    {
        ModelReader? captured = null;
        var registry = new SynthesizerRegistry([GaussianCopulaSynthesizer.Descriptor with { Read = r => { captured = r; return GaussianCopulaModel.Read(r); } }]);
        ModelFile.Load(new MemoryStream(Bytes(model)), "m", registry);
        return captured!;
    }

    internal static double Spearman(double[] a, double[] b)
    {
        var ra = Ranks(a);
        var rb = Ranks(b);
        var ma = ra.Average();
        var mb = rb.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }
}
