using Doppel.Data;
using Doppel.Synthesis.Neural.Diffusion;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Diffusion;

public sealed class MultinomialDiffusionTests
{
    private const int K = 5;

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(99)]
    public void SampleForward_ManyDraws_FrequenciesMatchClosedForm(int t)
    {
        const int n = 20_000;
        const int x0 = 2;
        var schedule = new NoiseSchedule(NoiseScheduleKind.Cosine, 100);
        var rng = new Rng(11);
        var direct = new long[K];
        var chain = new long[K];
        var step = new double[K];

        for (var i = 0; i < n; i++)
        {
            direct[MultinomialDiffusion.SampleForward(schedule, t, x0, K, rng.NextDouble())]++;

            // One step at a time: x_s ~ Cat(α_s x_{s-1} + (1 - α_s)/K).
            var x = x0;
            for (var s = 0; s <= t; s++)
            {
                step.AsSpan().Fill((1 - schedule.Alpha[s]) / K);
                step[x] += schedule.Alpha[s];
                x = MultinomialDiffusion.Sample(step, rng.NextDouble());
            }

            chain[x]++;
        }

        var expected = new double[K];
        MultinomialDiffusion.ForwardProbabilities(schedule, t, x0, expected);
        Assert.Equal(1.0, expected.Sum(), 1e-12);
        for (var c = 0; c < K; c++)
        {
            StatAssert.ShareNear(expected[c], direct[c], n);
            StatAssert.ShareNear(expected[c], chain[c], n);
        }
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(1, 3, 1)]
    [InlineData(37, 2, 2)]
    [InlineData(37, 4, 0)]
    [InlineData(99, 1, 3)]
    public void Posterior_AnyState_NormalisedAndEqualToBayesRule(int t, int x0, int xt)
    {
        var schedule = new NoiseSchedule(NoiseScheduleKind.Cosine, 100);
        var posterior = new double[K];

        MultinomialDiffusion.Posterior(schedule, t, x0, xt, posterior);

        // q(x_{t-1} = c | x_t, x₀) = q(x_t | x_{t-1} = c) q(x_{t-1} = c | x₀) / q(x_t | x₀), from the transition matrices.
        var previous = new double[K];
        var current = new double[K];
        MultinomialDiffusion.ForwardProbabilities(schedule, t - 1, x0, previous);
        MultinomialDiffusion.ForwardProbabilities(schedule, t, x0, current);
        Assert.Equal(1.0, posterior.Sum(), 1e-12);
        for (var c = 0; c < K; c++)
        {
            var transition = (c == xt ? schedule.Alpha[t] : 0) + ((1 - schedule.Alpha[t]) / K);
            Assert.Equal(transition * previous[c] / current[xt], posterior[c], 1e-12);
        }
    }

    [Fact]
    public void Posterior_FirstStep_IsTheStartingCategory()
    {
        var schedule = new NoiseSchedule(NoiseScheduleKind.Linear, 50);
        var posterior = new double[K];

        MultinomialDiffusion.Posterior(schedule, 0, 3, 1, posterior);

        Assert.Equal([0, 0, 0, 1, 0], posterior);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(45)]
    public void ModelPosterior_ConfidentPrediction_EqualsTruePosterior(int t)
    {
        var schedule = new NoiseSchedule(NoiseScheduleKind.Cosine, 100);
        float[] logits = [-40f, -40f, 40f, -40f, -40f];
        var model = new double[K];
        var truth = new double[K];

        MultinomialDiffusion.ModelPosterior(schedule, t, 4, logits, model);
        MultinomialDiffusion.Posterior(schedule, t, 2, 4, truth);

        for (var c = 0; c < K; c++)
        {
            Assert.Equal(truth[c], model[c], 1e-9);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(99)]
    public void SampleModelPosterior_ShiftedExponentials_SameDrawAsNormalisedPosterior(int t)
    {
        var schedule = new NoiseSchedule(NoiseScheduleKind.Cosine, 100);
        var rng = new Rng(12);
        var logits = new float[K];
        var weights = new float[K];
        var posterior = new double[K];
        var compared = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            for (var c = 0; c < K; c++)
            {
                logits[c] = (float)(3 * rng.NextGaussian());
                weights[c] = MathF.Exp(logits[c] - 2f); // any shift: the weights need not sum to 1
            }

            var xt = rng.Next(K);
            MultinomialDiffusion.ModelPosterior(schedule, t, xt, logits, posterior);
            var u = rng.NextDouble();
            var cumulative = 0.0;
            var nearBoundary = false;
            for (var c = 0; c < K; c++)
            {
                cumulative += posterior[c];
                nearBoundary |= Math.Abs(cumulative - u) < 1e-5;
            }

            if (!nearBoundary)
            {
                Assert.Equal(MultinomialDiffusion.Sample(posterior, u), MultinomialDiffusion.SampleModelPosterior(schedule, t, xt, weights, u));
                compared++;
            }
        }

        Assert.True(compared > 190, $"only {compared} of 200 draws were away from a category boundary");
    }

    [Fact]
    public void PriorKl_LongSchedule_NearZero()
    {
        var schedule = new NoiseSchedule(NoiseScheduleKind.Cosine, 100);

        var kl = MultinomialDiffusion.PriorKl(schedule, K);

        Assert.InRange(kl, 0, 1e-3);
    }
}
