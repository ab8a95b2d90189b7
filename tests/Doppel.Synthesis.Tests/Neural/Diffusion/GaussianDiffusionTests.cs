using Doppel.Data;
using Doppel.Synthesis.Neural.Diffusion;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Diffusion;

public sealed class GaussianDiffusionTests
{
    [Theory]
    [InlineData(NoiseScheduleKind.Cosine, 0)]
    [InlineData(NoiseScheduleKind.Cosine, 30)]
    [InlineData(NoiseScheduleKind.Cosine, 99)]
    [InlineData(NoiseScheduleKind.Linear, 50)]
    public void Forward_StepByStepChain_MatchesClosedFormMarginal(NoiseScheduleKind kind, int t)
    {
        const int n = 20_000;
        const double x0 = 1.5;
        var schedule = new NoiseSchedule(kind, 100);
        var rng = new Rng(3);

        // x_s = √α_s x_{s-1} + √β_s ε, s = 0..t, against q(x_t | x₀) = N(√ᾱ_t x₀, 1 - ᾱ_t).
        var chain = new double[n];
        var direct = new double[n];
        for (var i = 0; i < n; i++)
        {
            var x = x0;
            for (var s = 0; s <= t; s++)
            {
                x = (Math.Sqrt(schedule.Alpha[s]) * x) + (Math.Sqrt(schedule.Beta[s]) * rng.NextGaussian());
            }

            chain[i] = x;
            direct[i] = schedule.Forward(t, x0, rng.NextGaussian());
        }

        var mean = Math.Sqrt(schedule.AlphaBar[t]) * x0;
        var variance = 1 - schedule.AlphaBar[t];
        foreach (var sample in new[] { chain, direct })
        {
            StatAssert.MeanNear(mean, Math.Sqrt(variance), sample);
            var sampleVariance = sample.Select(v => (v - mean) * (v - mean)).Average();
            // The variance of a mean of n squared normal deviations is 2σ⁴/n: allow 5 of its standard deviations.
            var tolerance = 5 * variance * Math.Sqrt(2.0 / n);
            Assert.True(Math.Abs(sampleVariance - variance) <= tolerance, $"variance {sampleVariance:G5} vs {variance:G5}, tolerance 5·σ²·√(2/n) = {tolerance:G3}");
        }
    }

    [Theory]
    [InlineData(NoiseScheduleKind.Cosine, 1)]
    [InlineData(NoiseScheduleKind.Cosine, 57)]
    [InlineData(NoiseScheduleKind.Linear, 80)]
    public void Posterior_MeanAndVariance_EqualBayesRuleProductOfGaussians(NoiseScheduleKind kind, int t)
    {
        var schedule = new NoiseSchedule(kind, 100);
        const double x0 = -0.7;
        const double xt = 1.2;

        // q(x_{t-1} | x₀) = N(√ᾱ_{t-1} x₀, 1 - ᾱ_{t-1}) times q(x_t | x_{t-1}) = N(√α_t x_{t-1}, β_t) as a function of x_{t-1}:
        // precisions add, and the mean is the precision-weighted mean.
        var precision = (1 / (1 - schedule.AlphaBarPrev[t])) + (schedule.Alpha[t] / schedule.Beta[t]);
        var mean = ((Math.Sqrt(schedule.AlphaBarPrev[t]) * x0 / (1 - schedule.AlphaBarPrev[t])) + (Math.Sqrt(schedule.Alpha[t]) * xt / schedule.Beta[t])) / precision;

        Assert.Equal(1 / precision, schedule.PosteriorVariance[t], 1e-9);
        Assert.Equal(mean, schedule.PosteriorMean(t, x0, xt), 1e-9);
    }

    [Fact]
    public void Posterior_SimulatedPairs_MatchClosedForm()
    {
        const int n = 40_000;
        const int t = 40;
        const double x0 = 0.8;
        var schedule = new NoiseSchedule(NoiseScheduleKind.Cosine, 100);
        var rng = new Rng(5);

        // Draw x_{t-1} ~ q(· | x₀) and x_t ~ q(· | x_{t-1}); the residual of x_{t-1} after the posterior mean given
        // (x_t, x₀) must have mean 0 and the posterior variance.
        var residuals = new double[n];
        for (var i = 0; i < n; i++)
        {
            var previous = schedule.Forward(t - 1, x0, rng.NextGaussian());
            var xt = (Math.Sqrt(schedule.Alpha[t]) * previous) + (Math.Sqrt(schedule.Beta[t]) * rng.NextGaussian());
            residuals[i] = previous - schedule.PosteriorMean(t, x0, xt);
        }

        var variance = schedule.PosteriorVariance[t];
        StatAssert.MeanNear(0, Math.Sqrt(variance), residuals);
        var observed = residuals.Select(r => r * r).Average();
        var tolerance = 5 * variance * Math.Sqrt(2.0 / n);
        Assert.True(Math.Abs(observed - variance) <= tolerance, $"residual variance {observed:G5} vs σ̃² {variance:G5}, tolerance 5·σ²·√(2/n) = {tolerance:G3}");
    }

    [Theory]
    [InlineData(NoiseScheduleKind.Cosine)]
    [InlineData(NoiseScheduleKind.Linear)]
    public void Schedule_AnyKind_DecreasesToNearPureNoise(NoiseScheduleKind kind)
    {
        var schedule = new NoiseSchedule(kind, 100);

        Assert.All(schedule.Beta, b => Assert.InRange(b, 0, 0.999));
        Assert.True(schedule.AlphaBar.Zip(schedule.AlphaBar.Skip(1)).All(p => p.Second < p.First), "ᾱ must decrease");
        Assert.True(schedule.AlphaBar[^1] < 1e-3, $"ᾱ_T = {schedule.AlphaBar[^1]} should leave almost pure noise");
        Assert.Equal(1.0, schedule.AlphaBarPrev[0]);
    }
}
