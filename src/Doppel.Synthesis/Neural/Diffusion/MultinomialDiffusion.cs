namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// Multinomial diffusion of one categorical variable with K categories (Hoogeboom et al., 2021), on category
/// indices and plain arrays: nothing here needs a gradient. The forward process is
/// q(x_t | x_{t-1}) = Cat(αₜ x_{t-1} + (1 - αₜ)/K), so q(x_t | x₀) = Cat(ᾱₜ x₀ + (1 - ᾱₜ)/K), and the posterior
/// q(x_{t-1} | x_t, x₀) ∝ (αₜ x_t + (1 - αₜ)/K) ⊙ (ᾱ_{t-1} x₀ + (1 - ᾱ_{t-1})/K) (eq. 8 there). The model posterior
/// replaces x₀ by the predicted distribution x̂₀. Index t counts from 0 as in <see cref="NoiseSchedule"/>; at t = 0
/// the "posterior" is x₀ itself (the decoder p(x₀ | x₁) uses x̂₀ weighted by q(x₁ | x₀)).
/// </summary>
internal static class MultinomialDiffusion
{
    /// <summary>A draw of q(x_t | x₀) from one uniform <paramref name="u"/> in [0, 1): keep x₀ with probability ᾱₜ, else a uniform category.</summary>
    public static int SampleForward(NoiseSchedule schedule, int t, int x0, int k, double u)
    {
        var keep = schedule.AlphaBar[t];
        return u < keep ? x0 : Math.Min(k - 1, (int)((u - keep) / (1 - keep) * k));
    }

    /// <summary>The probabilities of q(x_t | x₀) = ᾱₜ x₀ + (1 - ᾱₜ)/K.</summary>
    public static void ForwardProbabilities(NoiseSchedule schedule, int t, int x0, Span<double> probabilities)
    {
        var k = probabilities.Length;
        probabilities.Fill((1 - schedule.AlphaBar[t]) / k);
        probabilities[x0] += schedule.AlphaBar[t];
    }

    /// <summary>The probabilities of the posterior q(x_{t-1} | x_t, x₀) (x₀ itself at t = 0), normalised.</summary>
    public static void Posterior(NoiseSchedule schedule, int t, int x0, int xt, Span<double> probabilities)
    {
        var k = probabilities.Length;
        if (t == 0)
        {
            probabilities.Clear();
            probabilities[x0] = 1;
            return;
        }

        var (alpha, barPrev) = (schedule.Alpha[t], schedule.AlphaBarPrev[t]);
        var total = 0.0;
        for (var c = 0; c < k; c++)
        {
            var likelihood = (c == xt ? alpha : 0) + ((1 - alpha) / k);
            var prior = (c == x0 ? barPrev : 0) + ((1 - barPrev) / k);
            probabilities[c] = likelihood * prior;
            total += probabilities[c];
        }

        for (var c = 0; c < k; c++)
        {
            probabilities[c] /= total;
        }
    }

    /// <summary>log q(x_t | x_{t-1} = c) for every c: log(αₜ [c = x_t] + (1 - αₜ)/K), the fixed factor of both posteriors.</summary>
    public static void LogLikelihood(NoiseSchedule schedule, int t, int xt, Span<float> logWeights)
    {
        var k = logWeights.Length;
        var alpha = schedule.Alpha[t];
        logWeights.Fill((float)Math.Log((1 - alpha) / k));
        logWeights[xt] = (float)Math.Log(alpha + ((1 - alpha) / k));
    }

    /// <summary>The coefficients (a, b) of q(x_{t-1} | x̂₀) = a x̂₀ + b: (ᾱ_{t-1}, (1 - ᾱ_{t-1})/K), and (1, 0) at t = 0.</summary>
    public static (float Scale, float Shift) PriorMix(NoiseSchedule schedule, int t, int k) =>
        t == 0 ? (1f, 0f) : ((float)schedule.AlphaBarPrev[t], (float)((1 - schedule.AlphaBarPrev[t]) / k));

    /// <summary>
    /// The model posterior p(x_{t-1} | x_t) ∝ q(x_t | x_{t-1}) ⊙ (a softmax(<paramref name="logits"/>) + b), normalised,
    /// the same distribution <c>Tape.PosteriorKl</c> trains towards.
    /// </summary>
    public static void ModelPosterior(NoiseSchedule schedule, int t, int xt, ReadOnlySpan<float> logits, Span<double> probabilities)
    {
        var k = logits.Length;
        var max = float.NegativeInfinity;
        foreach (var z in logits)
        {
            max = MathF.Max(max, z);
        }

        var norm = 0.0;
        foreach (var z in logits)
        {
            norm += Math.Exp(z - max);
        }

        var (a, b) = t == 0 ? (1.0, 0.0) : (schedule.AlphaBarPrev[t], (1 - schedule.AlphaBarPrev[t]) / k);
        var alpha = schedule.Alpha[t];
        var total = 0.0;
        for (var c = 0; c < k; c++)
        {
            var likelihood = (c == xt ? alpha : 0) + ((1 - alpha) / k);
            probabilities[c] = likelihood * ((a * Math.Exp(logits[c] - max) / norm) + b);
            total += probabilities[c];
        }

        for (var c = 0; c < k; c++)
        {
            probabilities[c] /= total;
        }
    }

    /// <summary>
    /// A draw of the model posterior <see cref="ModelPosterior"/> from one uniform <paramref name="u"/> in [0, 1), given
    /// <paramref name="weights"/> = exp(logits - c) for any constant c. Nothing is normalised: with n = Σ weights the
    /// unnormalised posterior is q(x_t | x_{t-1} = c) (a w_c + b n), whose total has the closed form
    /// (1 - αₜ)/K (a n + K b n) + αₜ (a w_{x_t} + b n), and the category is found by inverse CDF against u times it.
    /// </summary>
    public static int SampleModelPosterior(NoiseSchedule schedule, int t, int xt, ReadOnlySpan<float> weights, double u)
    {
        var k = weights.Length;
        var norm = 0.0;
        foreach (var w in weights)
        {
            norm += w;
        }

        var (a, b) = t == 0 ? (1.0, 0.0) : (schedule.AlphaBarPrev[t], (1 - schedule.AlphaBarPrev[t]) / k * norm);
        var alpha = schedule.Alpha[t];
        var miss = (1 - alpha) / k;
        var total = (miss * ((a * norm) + (k * b))) + (alpha * ((a * weights[xt]) + b));
        var target = u * total;
        var cumulative = 0.0;
        for (var c = 0; c < k - 1; c++)
        {
            cumulative += (c == xt ? alpha + miss : miss) * ((a * weights[c]) + b);
            if (target < cumulative)
            {
                return c;
            }
        }

        return k - 1;
    }

    /// <summary>KL(q(x_{T-1} | x₀) ‖ uniform): the prior term of the bound, constant in the model's weights.</summary>
    public static double PriorKl(NoiseSchedule schedule, int k)
    {
        var bar = schedule.AlphaBar[^1];
        var hit = bar + ((1 - bar) / k);
        var miss = (1 - bar) / k;
        return (hit * Math.Log(hit * k)) + (miss > 0 ? (k - 1) * miss * Math.Log(miss * k) : 0);
    }

    /// <summary>The category whose cumulative probability first exceeds <paramref name="u"/> in [0, 1).</summary>
    public static int Sample(ReadOnlySpan<double> probabilities, double u)
    {
        var cumulative = 0.0;
        for (var c = 0; c < probabilities.Length - 1; c++)
        {
            cumulative += probabilities[c];
            if (u < cumulative)
            {
                return c;
            }
        }

        return probabilities.Length - 1;
    }
}
