namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// The coefficients of a diffusion over <see cref="Steps"/> steps, indexed from 0 (index t is the paper's step t + 1):
/// βₜ, αₜ = 1 - βₜ, ᾱₜ = ∏ₛ≤ₜ αₛ and the Gaussian posterior q(x_{t-1} | x_t, x₀) = N(c₁ x₀ + c₂ x_t, σ̃²)
/// (Ho et al., 2020, eq. 6-7). Computed in double precision; immutable.
/// </summary>
internal sealed class NoiseSchedule
{
    private const double MaxBeta = 0.999;

    public NoiseSchedule(NoiseScheduleKind kind, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        Kind = kind;
        Steps = steps;
        Beta = kind == NoiseScheduleKind.Linear ? LinearBetas(steps) : CosineBetas(steps);
        Alpha = [.. Beta.Select(b => 1 - b)];
        AlphaBar = new double[steps];
        AlphaBarPrev = new double[steps];
        PosteriorVariance = new double[steps];
        PosteriorMeanX0 = new double[steps];
        PosteriorMeanXt = new double[steps];
        var product = 1.0;
        for (var t = 0; t < steps; t++)
        {
            AlphaBarPrev[t] = product;
            product *= Alpha[t];
            AlphaBar[t] = product;
            PosteriorVariance[t] = Beta[t] * (1 - AlphaBarPrev[t]) / (1 - AlphaBar[t]);
            PosteriorMeanX0[t] = Beta[t] * Math.Sqrt(AlphaBarPrev[t]) / (1 - AlphaBar[t]);
            PosteriorMeanXt[t] = (1 - AlphaBarPrev[t]) * Math.Sqrt(Alpha[t]) / (1 - AlphaBar[t]);
        }

        // The reverse process's variance: βₜ, except the first step takes the posterior variance of the second
        // (σ̃²₁ = 0 would give log 0), as TabDDPM and improved DDPM do.
        ModelVariance = [.. Beta];
        ModelVariance[0] = PosteriorVariance[1];
    }

    public NoiseScheduleKind Kind { get; }

    public int Steps { get; }

    public double[] Beta { get; }

    public double[] Alpha { get; }

    public double[] AlphaBar { get; }

    /// <summary>ᾱ_{t-1}, with ᾱ₋₁ = 1.</summary>
    public double[] AlphaBarPrev { get; }

    /// <summary>σ̃²ₜ = βₜ (1 - ᾱ_{t-1}) / (1 - ᾱₜ).</summary>
    public double[] PosteriorVariance { get; }

    /// <summary>c₁ = βₜ √ᾱ_{t-1} / (1 - ᾱₜ), the weight of x₀ in the posterior mean.</summary>
    public double[] PosteriorMeanX0 { get; }

    /// <summary>c₂ = (1 - ᾱ_{t-1}) √αₜ / (1 - ᾱₜ), the weight of x_t in the posterior mean.</summary>
    public double[] PosteriorMeanXt { get; }

    /// <summary>The variance of each reverse step p(x_{t-1} | x_t).</summary>
    public double[] ModelVariance { get; }

    /// <summary>x_t = √ᾱₜ x₀ + √(1 - ᾱₜ) ε, a draw of q(x_t | x₀) from the standard normal <paramref name="noise"/> (eq. 4).</summary>
    public double Forward(int t, double x0, double noise) => (Math.Sqrt(AlphaBar[t]) * x0) + (Math.Sqrt(1 - AlphaBar[t]) * noise);

    /// <summary>The mean of the Gaussian posterior q(x_{t-1} | x_t, x₀): c₁ x₀ + c₂ x_t.</summary>
    public double PosteriorMean(int t, double x0, double xt) => (PosteriorMeanX0[t] * x0) + (PosteriorMeanXt[t] * xt);

    /// <summary>x̂₀ = (x_t - √(1 - ᾱₜ) ε̂) / √ᾱₜ (Ho et al., 2020, eq. 4 solved for x₀).</summary>
    public double PredictX0(int t, double xt, double eps) => (xt - (Math.Sqrt(1 - AlphaBar[t]) * eps)) / Math.Sqrt(AlphaBar[t]);

    private static double[] LinearBetas(int steps)
    {
        var scale = 1000.0 / steps;
        var (first, last) = (scale * 1e-4, scale * 0.02);
        return [.. Enumerable.Range(0, steps).Select(i => first + ((last - first) * i / (steps - 1)))];
    }

    // βₜ = 1 - ᾱ((t + 1) / T) / ᾱ(t / T), capped to avoid a singular last step (Nichol and Dhariwal, 2021, eq. 17).
    private static double[] CosineBetas(int steps)
    {
        static double Bar(double s) => Math.Pow(Math.Cos((s + 0.008) / 1.008 * Math.PI / 2), 2);
        return [.. Enumerable.Range(0, steps).Select(i => Math.Min(1 - (Bar((i + 1.0) / steps) / Bar((double)i / steps)), MaxBeta))];
    }
}
