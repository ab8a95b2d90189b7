using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.Synthesis.Classification;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.PcaMixture;
using Doppel.TestKit;
using Xunit.Abstractions;

namespace Doppel.Synthesis.Tests.PcaMixture;

public sealed class PcaGmmSynthesizerTests(ITestOutputHelper output)
{
    [Fact]
    public void PrincipalComponents_PlaneInFiveDimensions_KeepsTwoAndReconstructs()
    {
        var rng = new Rng(11);
        const int n = 400;
        var u = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        double[][] columns = [u, v, [.. u.Zip(v, (a, b) => a + b)], [.. u.Select(a => 2 * a)], [.. v.Select(b => 3 - b)]];

        var pca = PrincipalComponents.Fit(columns, n, 0.99);
        var back = pca.Reconstruct(pca.Project(columns, n), n);

        Assert.Equal(2, pca.Count);
        Assert.True(pca.ExplainedShare > 1 - 1e-9, $"explained {pca.ExplainedShare}");
        for (var a = 0; a < columns.Length; a++)
        {
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(columns[a][i], back[a][i], 1e-9);
            }
        }
    }

    [Fact]
    public void PrincipalComponents_DigitsPixels_FewestComponentsReachingTheShare()
    {
        var table = DigitsSamples.Table;
        var pixels = Enumerable.Range(0, 64).Select(i => NumericValues.ToArray(table[$"pixel_{i}"])).ToArray();
        var standardised = pixels.Select(c =>
        {
            var mean = c.Average();
            var sd = Math.Sqrt(c.Average(v => (v - mean) * (v - mean)));
            return c.Select(v => (v - mean) / (sd > 0 ? sd : 1)).ToArray();
        }).ToArray();

        var pca = PrincipalComponents.Fit(standardised, table.RowCount, 0.99);
        var fewer = pca.Variances.Take(pca.Count - 1).Sum() / standardised.Sum(c => c.Average(v => v * v));

        output.WriteLine($"{pca.Count} components explain {pca.ExplainedShare:F4}");
        Assert.True(pca.ExplainedShare >= 0.99, $"explained share {pca.ExplainedShare}");
        Assert.True(fewer < 0.99, $"one component fewer already explains {fewer}");
        Assert.InRange(pca.Count, 10, 63);
    }

    [Fact]
    public void Sample_DigitsPerClass_RecognisedByClassifierTrainedOnRealDigits()
    {
        const int perClass = 40;
        var model = DigitsSamples.Model;
        var classifier = NotSoNaiveBayes.Fit(DigitsSamples.Table, "digit", seed: 0);
        var correct = 0;

        for (var d = 0; d < 10; d++)
        {
            var label = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sample = model.Sample(perClass, new SampleOptions { Seed = 3, Conditions = [Condition.Parse($"digit={label}")] });
            correct += classifier.Predict(sample).Count(p => p == label);
        }

        // Chance is 0.1. The classifier recognises real digits 99.6% of the time; samples a person recognises should be
        // recognised at least 85% of the time. Bound: 0.85 − 4·√(0.85·0.15/n) (false alarm below 1e-4 if the true rate is 0.85).
        const int total = 10 * perClass;
        var accuracy = (double)correct / total;
        var bound = 0.85 - (4 * Math.Sqrt(0.85 * 0.15 / total));
        output.WriteLine($"{correct} of {total} samples recognised as their class ({accuracy:F3}); bound {bound:F3}");
        Assert.True(accuracy >= bound, $"accuracy {accuracy:F3} < 0.85 − 4·√(0.85·0.15/{total}) = {bound:F3}");
    }

    [Fact]
    public void Sample_Digits_PixelsIntegersWithinTrainingRange()
    {
        var sample = DigitsSamples.Model.Sample(500, new SampleOptions { Seed = 5 });

        foreach (var column in sample.Columns.OfType<IntegerColumn>())
        {
            Assert.All(column.Values, v => Assert.InRange(v, 0L, 16L));
        }
    }

    [Fact]
    public void Fit_MissingNumericValues_MissingShareKept()
    {
        var rng = new Rng(21);
        const int n = 2000;
        var x = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var mask = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3).ToArray();
        double[] y = [.. x.Select(v => (2 * v) + rng.NextGaussian())];
        var table = new Table([new NumericColumn("x", [.. x], mask), new NumericColumn("y", y)]);

        var sample = new PcaGmmSynthesizer().Fit(table, new FitOptions { Seed = 1 }).Sample(4000, new SampleOptions { Seed = 2 });

        var share = (double)sample["x"].MissingCount / sample.RowCount;
        var expected = (double)mask.Count(m => m) / n;
        // Two binomial shares (training n, sample 4000): 5σ of their difference.
        var tolerance = 5 * Math.Sqrt((expected * (1 - expected) / n) + (expected * (1 - expected) / 4000));
        Assert.True(Math.Abs(share - expected) <= tolerance, $"missing share {share:F3} vs {expected:F3} (±{tolerance:F3})");
        Assert.Equal(0, sample["y"].MissingCount);
    }

    [Fact]
    public void Fit_AllDiscreteTable_SamplesLevelsOfEachColumn()
    {
        var rng = new Rng(31);
        var a = Enumerable.Range(0, 500).Select(_ => rng.NextDouble() < 0.7 ? "p" : "q").ToArray();
        var b = a.Select(v => v == "p" ? "r" : "s").ToArray();
        var table = new Table([CategoricalColumn.FromLabels("a", a), CategoricalColumn.FromLabels("b", b)]);

        var sample = new PcaGmmSynthesizer().Fit(table, new FitOptions { Seed = 1 }).Sample(1000, new SampleOptions { Seed = 2 });

        // The latent-class mixture learns that a = p goes with b = r.
        var agree = Enumerable.Range(0, 1000).Count(i => (sample["a"].FormatValue(i) == "p") == (sample["b"].FormatValue(i) == "r"));
        Assert.True(agree >= 990, $"{agree} of 1000 rows keep the planted pairing");
    }

    [Fact]
    public void Options_NestedMixtureOverride_KeepsOtherDefaults()
    {
        var json = JsonNode.Parse("""{"variance_share": 0.9, "mixture": {"max_components": 3}}""")!.AsObject();

        var synthesizer = (PcaGmmSynthesizer)BuiltInSynthesizers.Registry.Get("pca-gmm").Create(json);

        Assert.Equal(0.9, synthesizer.Options.VarianceShare);
        Assert.Equal(3, synthesizer.Options.Mixture.MaxComponents);
        Assert.Equal(new GmmOptions().Restarts, synthesizer.Options.Mixture.Restarts);
    }

    [Fact]
    public void Options_BadShareAndMixture_OneMessageNamingBoth()
    {
        var e = Assert.Throws<InvalidOptionsException>(() =>
            new PcaGmmSynthesizer(new PcaGmmOptions { VarianceShare = 1.5, Mixture = new GmmOptions { Restarts = 0 } }));

        Assert.Contains("variance_share", e.Message, StringComparison.Ordinal);
        Assert.Contains("mixture.restarts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingCounts_DigitLabel_CountsOfTheTable()
    {
        var counts = DigitsSamples.Model.TrainingCounts("digit");

        var expected = ((CategoricalColumn)DigitsSamples.Table["digit"]).Codes.GroupBy(c => c).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(10, counts.Count);
        Assert.Equal(DigitsSamples.Table.RowCount, counts.Sum(c => c.Count));
        Assert.All(counts.Select((c, i) => (c, i)), t => Assert.Equal(expected[t.i], t.c.Count));
    }
}
