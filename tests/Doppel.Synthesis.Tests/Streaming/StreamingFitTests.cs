using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests;

public sealed class StreamingFitTests
{
    [Fact]
    public void Fit_IndependentSmallTable_SameModelAsWholeTableFit()
    {
        var data = TestTables.Mixed(5000, 61);
        var options = new FitOptions { Seed = 62 };

        var whole = new IndependentSynthesizer().Fit(data, options);
        var streamed = StreamingFit.Fit(new IndependentSynthesizer(), new MemoryTableSource(data), options, new StreamingFitOptions { BatchRows = 700, WholeTableRows = 0 });

        var sample = new SampleOptions { Seed = 63 };
        Assert.Equal(TestTables.Render(whole.Sample(3000, sample)), TestTables.Render(streamed.Sample(3000, sample)));
    }

    [Fact]
    public void Fit_GaussianCopula_CorrelationCloseToWholeTableFit()
    {
        const int n = 5000;
        var data = TestTables.Mixed(n, 64);
        var options = new FitOptions { Seed = 65 };

        // The streamed scores jitter ties and keep frequency order, so the whole-table fit is asked to do the same.
        var copula = new GaussianCopulaSynthesizer(new GaussianCopulaOptions { TieScores = TieScores.Uniform, CategoryOrder = CategoryOrder.Frequency });
        var whole = (GaussianCopulaModel)copula.Fit(data, options);
        var streamed = (GaussianCopulaModel)StreamingFit.Fit(copula, new MemoryTableSource(data), options, new StreamingFitOptions { BatchRows = 999, WholeTableRows = 0 });

        // Both estimate the same correlation from the same rows; they differ only in how ties and ranks are jittered,
        // a difference well inside one standard error 1/√n of either estimate.
        var tolerance = 1 / Math.Sqrt(n);
        Assert.Equal(whole.Correlation.Length, streamed.Correlation.Length);
        for (var i = 0; i < whole.Correlation.Length; i++)
        {
            Assert.True(Math.Abs(whole.Correlation[i] - streamed.Correlation[i]) < tolerance,
                $"entry {i}: whole {whole.Correlation[i]:F4}, streamed {streamed.Correlation[i]:F4}, tolerance 1/√n = {tolerance:F4}");
        }
    }

    [Fact]
    public void Fit_GaussianCopulaDefaultOptions_CorrelationCloseToWholeTableFit()
    {
        const int n = 20_000;
        var data = TestTables.Mixed(n, 77);
        var options = new FitOptions { Seed = 78 };

        var whole = (GaussianCopulaModel)new GaussianCopulaSynthesizer().Fit(data, options);
        var streamed = (GaussianCopulaModel)StreamingFit.Fit(new GaussianCopulaSynthesizer(), new MemoryTableSource(data), options, new StreamingFitOptions { BatchRows = 4096, WholeTableRows = 0 });

        // Midpoint ties and association order in both. A real dependence (x with n) is estimated alike, within two
        // standard errors 2/√n; between independent columns both estimates are noise of size 1/√n, and the order of an
        // unrelated column's categories (even its direction) is learned from different row samples, so there both
        // only have to stay within 4/√n of zero.
        var tolerance = 2 / Math.Sqrt(n);
        var noise = 4 / Math.Sqrt(n);
        for (var i = 0; i < whole.Correlation.Length; i++)
        {
            var (w, s) = (whole.Correlation[i], streamed.Correlation[i]);
            Assert.True(Math.Abs(w) > 0.1 ? Math.Abs(w - s) < tolerance : Math.Abs(w) < noise && Math.Abs(s) < noise,
                $"entry {i}: whole {w:F4}, streamed {s:F4}; tolerance 2/√n = {tolerance:F4}, noise bound 4/√n = {noise:F4}");
        }

        Assert.True(Math.Abs(whole.Correlation[1]) > 0.5, "x and n are strongly related in the test table");
    }

    [Fact]
    public void Fit_GaussianCopulaBeyondSketchCapacity_RecoversPlantedCorrelation()
    {
        const double rho = 0.6;
        const int n = 300_000;
        var rng = new Rng(66);
        var a = new double[n];
        var b = new long[n];
        for (var i = 0; i < n; i++)
        {
            var z1 = rng.NextGaussian();
            var z2 = (rho * z1) + (Math.Sqrt(1 - (rho * rho)) * rng.NextGaussian());
            a[i] = Math.Exp(z1);
            b[i] = (long)Math.Round(1000 * z2);
        }

        var data = new Table([new NumericColumn("a", a), new IntegerColumn("b", b)]);

        var model = (GaussianCopulaModel)StreamingFit.Fit(new GaussianCopulaSynthesizer(), new MemoryTableSource(data), new FitOptions { Seed = 67 });

        // The normal scores of monotone transforms of (z1, z2) are (z1, z2) again, so their correlation estimates ρ with
        // standard error (1 - ρ²)/√n; rounding b to whole thousandths adds far less.
        var tolerance = 5 * (1 - (rho * rho)) / Math.Sqrt(n);
        Assert.True(Math.Abs(model.Correlation[1] - rho) < tolerance, $"correlation {model.Correlation[1]:F4}, expected {rho} ± 5(1-ρ²)/√n = {tolerance:F4}");
    }

    [Fact]
    public void Fit_GaussianCopulaSmallTable_SameModelAsWholeTableFit()
    {
        var data = TestTables.Mixed(4000, 74);
        var options = new FitOptions { Seed = 75 };

        var whole = new GaussianCopulaSynthesizer().Fit(data, options);
        var streamed = StreamingFit.Fit(new GaussianCopulaSynthesizer(), new MemoryTableSource(data), options, new StreamingFitOptions { BatchRows = 512 });

        var sample = new SampleOptions { Seed = 76 };
        Assert.Equal(TestTables.Render(whole.Sample(2000, sample)), TestTables.Render(streamed.Sample(2000, sample)));
    }

    [Fact]
    public void Fit_OtherSynthesizer_LearnsFromAReservoirOfTheRequestedSize()
    {
        var data = TestTables.Mixed(3000, 68);
        var recorder = new RecordingSynthesizer();

        StreamingFit.Fit(recorder, new MemoryTableSource(data), new FitOptions { Seed = 69 }, new StreamingFitOptions { BatchRows = 256, SampleRows = 500 });

        var seen = recorder.Seen!;
        Assert.Equal(500, seen.RowCount);
        var ids = ((IdentifierColumn)seen["id"]).Values.Select(v => int.Parse(v![1..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(500, ids.Distinct().Count());
    }

    [Fact]
    public void Reservoir_EveryRowEquallyLikely()
    {
        const int rows = 1000;
        const int size = 100;
        const int repeats = 400;
        var data = new Table([new IntegerColumn("i", [.. Enumerable.Range(0, rows).Select(i => (long)i)])]);
        var firstTenth = 0L;
        for (var s = 0; s < repeats; s++)
        {
            var sample = Reservoir.Sample(new MemoryTableSource(data), size, 64, new Rng(1000 + (ulong)s), CancellationToken.None);
            firstTenth += ((IntegerColumn)sample["i"]).Values.Count(v => v < rows / 10);
        }

        // Each kept row falls in the first tenth of the source with probability 1/10.
        StatAssert.ShareNear(0.1, firstTenth, (long)size * repeats);
    }

    private sealed class RecordingSynthesizer : ISynthesizer
    {
        public Table? Seen { get; private set; }

        public string Name => "recording";

        public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Seen = data;
            return new IndependentSynthesizer().Fit(data, options, progress, cancellationToken);
        }
    }
}
