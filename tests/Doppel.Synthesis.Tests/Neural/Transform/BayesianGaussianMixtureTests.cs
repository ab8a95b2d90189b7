using Doppel.Data;
using Doppel.Synthesis.Neural.Transform;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Transform;

public sealed class BayesianGaussianMixtureTests
{
    [Fact]
    public void Fit_ThreeModeMixture_RecoversModes()
    {
        double[] means = [-10, 0, 12];
        double[] sds = [1, 0.5, 2];
        double[] shares = [0.2, 0.5, 0.3];
        var (x, counts) = Mixture(6000, means, sds, shares, new Rng(11));

        var fit = BayesianGaussianMixture.Fit(x, new DataTransformerOptions(), 0.005, new Rng(3));

        // As with the reference (k-means start, 100 variational iterations), a true mode may be shared by several
        // components at the same place; each component must sit on one true mode, and the components of a mode must
        // together carry its weight, mean and spread.
        Assert.InRange(fit.Means.Length, 3, 10);
        var dataVariance = x.Select(v => (v - x.Average()) * (v - x.Average())).Sum() / (x.Length - 1);
        var owner = fit.Means.Select(m => Enumerable.Range(0, 3).MinBy(c => Math.Abs(m - means[c]))).ToArray();
        for (var c = 0; c < 3; c++)
        {
            var parts = Enumerable.Range(0, fit.Means.Length).Where(k => owner[k] == c).ToArray();
            Assert.NotEmpty(parts);
            Assert.All(parts, k => Assert.InRange(fit.Means[k], means[c] - sds[c], means[c] + sds[c]));
            var weight = parts.Sum(k => fit.Weights[k]);
            var mean = parts.Sum(k => fit.Weights[k] * fit.Means[k]) / weight;
            var sd = Math.Sqrt((parts.Sum(k => fit.Weights[k] * (fit.Variances[k] + (fit.Means[k] * fit.Means[k]))) / weight) - (mean * mean));
            StatAssert.ShareNear(shares[c], (long)Math.Round(weight * x.Length), x.Length);
            // The mean of a well-separated mode is its sample mean: within 5 sd / sqrt(n_c) of the truth.
            Assert.InRange(mean, means[c] - (5 * sds[c] / Math.Sqrt(counts[c])), means[c] + (5 * sds[c] / Math.Sqrt(counts[c])));
            // A sample variance has relative standard error sqrt(2 / n_c); allow 5 of them, plus the Wishart prior's
            // pull of (data variance) / (1 + N_k) on each component's expected variance.
            var prior = parts.Sum(k => fit.Weights[k] * dataVariance / (1 + (fit.Weights[k] * x.Length))) / weight;
            var tolerance = 5 * Math.Sqrt(2.0 / counts[c]) * sds[c] * sds[c];
            Assert.InRange(sd * sd, (sds[c] * sds[c]) - tolerance, (sds[c] * sds[c]) + tolerance + prior);
        }
    }

    [Fact]
    public void Fit_TinyFarCluster_IsDropped()
    {
        var (x, _) = Mixture(5000, [0, 20], [1, 1], [0.5, 0.5], new Rng(5));
        var withOutliers = x.Concat(Enumerable.Repeat(1000.0, 10)).ToArray();

        var fit = BayesianGaussianMixture.Fit(withOutliers, new DataTransformerOptions(), 0.005, new Rng(1));

        Assert.Equal(2, fit.Means.Length);
        Assert.All(fit.Weights, w => Assert.True(w > 0.005, $"kept weight {w} is below the threshold"));
        Assert.All(fit.Means, m => Assert.True(m < 100, $"mean {m} belongs to the dropped cluster"));
    }

    [Fact]
    public void Fit_ConstantColumn_OneModeWithTinyVariance()
    {
        var fit = BayesianGaussianMixture.Fit(Enumerable.Repeat(3.5, 500).ToArray(), new DataTransformerOptions(), 0.005, new Rng(1));

        Assert.Single(fit.Means);
        Assert.Equal(3.5, fit.Means[0], 6);
        Assert.True(fit.Variances[0] is > 0 and < 1e-3);
    }

    [Fact]
    public void Fit_SameSeed_SameResult()
    {
        var (x, _) = Mixture(3000, [0, 5], [1, 2], [0.3, 0.7], new Rng(9));

        var a = BayesianGaussianMixture.Fit(x, new DataTransformerOptions(), 0.005, new Rng(4));
        var b = BayesianGaussianMixture.Fit(x, new DataTransformerOptions(), 0.005, new Rng(4));

        Assert.Equal(a.Means, b.Means);
        Assert.Equal(a.Variances, b.Variances);
        Assert.Equal(a.LogOffsets, b.LogOffsets);
    }

    internal static (double[] Values, int[] Counts) Mixture(int n, double[] means, double[] sds, double[] shares, Rng rng)
    {
        var x = new double[n];
        var counts = new int[means.Length];
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            var c = 0;
            while (c < shares.Length - 1 && u >= shares[c])
            {
                u -= shares[c];
                c++;
            }

            counts[c]++;
            x[i] = means[c] + (sds[c] * rng.NextGaussian());
        }

        return (x, counts);
    }
}
