using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests;

public sealed class GaussianCopulaSynthesizerTests : SynthesizerContractTests
{
    private protected override ISynthesizer CreateSynthesizer() => new GaussianCopulaSynthesizer();

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
    public void Fit_AssociatedCategories_AssociationOrderKeepsMoreOfTheJointTable()
    {
        // a has five equally likely levels and b is a V-shaped function of them (a0 and a4 give x, a1 and a3 give y,
        // a2 gives z): frequency order puts the levels that belong together apart, association order next to each other.
        const int n = 6000;
        var rng = new Rng(53);
        string[] map = ["x", "y", "z", "y", "x"];
        int[] levelOrder = [2, 0, 4, 1, 3];
        var a = new string?[n];
        var b = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var level = i < 5 ? levelOrder[i] : rng.Next(5);
            a[i] = "a" + level;
            b[i] = rng.NextDouble() < 0.1 ? map[rng.Next(5)] : map[level];
        }

        var data = new Table([CategoricalColumn.FromLabels("a", a), CategoricalColumn.FromLabels("b", b)]);

        var byAssociation = JointTvd(data, new GaussianCopulaOptions { CategoryOrder = CategoryOrder.Association });
        var byFrequency = JointTvd(data, new GaussianCopulaOptions { CategoryOrder = CategoryOrder.Frequency });

        // Each joint TVD carries sampling noise of about 0.02 (15 cells, 6,000 rows each side).
        Assert.True(byAssociation < byFrequency - 0.05, $"joint TVD by association {byAssociation:F3}, by frequency {byFrequency:F3}");
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

    private static double JointTvd(Table data, GaussianCopulaOptions options)
    {
        var sample = new GaussianCopulaSynthesizer(options).Fit(data, new FitOptions { Seed = 54 }).Sample(data.RowCount, new SampleOptions { Seed = 55 });
        var real = Joint(data);
        var synthetic = Joint(sample);
        return 0.5 * real.Keys.Union(synthetic.Keys).Sum(k => Math.Abs(real.GetValueOrDefault(k) - synthetic.GetValueOrDefault(k)));
    }

    private static Dictionary<string, double> Joint(Table t) =>
        Enumerable.Range(0, t.RowCount).GroupBy(i => t.FormatValue(i, 0) + "|" + t.FormatValue(i, 1), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Count() / t.RowCount, StringComparer.Ordinal);

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
