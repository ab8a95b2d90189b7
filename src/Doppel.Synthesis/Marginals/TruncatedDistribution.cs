using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis;

/// <summary>
/// A parametric distribution (normal, lognormal, gamma, beta or uniform) truncated to the observed range
/// [lower, upper]: F_t(x) = (F(x) - F(lower)) / (F(upper) - F(lower)). Beta is fitted on the range scaled to
/// [0, 1]. Parameters are estimated by maximum likelihood where MathNet offers it (normal, lognormal) and by
/// the method of moments otherwise (gamma, beta); <see cref="FitBest"/> keeps the family with the smallest
/// Kolmogorov-Smirnov distance to the data.
/// </summary>
internal sealed class TruncatedDistribution
{
    /// <summary>The families <see cref="FitBest"/> tries, in order (a tie keeps the earlier one).</summary>
    public static readonly IReadOnlyList<string> Families = ["normal", "lognormal", "gamma", "beta", "uniform"];

    private readonly IContinuousDistribution _distribution;
    private readonly Func<double, double> _inverse;
    private readonly double _shift;
    private readonly double _scale;
    private readonly double _cdfLower;
    private readonly double _mass;

    private TruncatedDistribution(string family, double p1, double p2, double lower, double upper)
    {
        if (!(lower < upper) || !double.IsFinite(lower) || !double.IsFinite(upper))
        {
            throw new ArgumentException($"bounds [{lower}, {upper}] are not a finite range", nameof(lower));
        }

        Family = family;
        Parameters = [p1, p2, lower, upper];
        (_distribution, _inverse, _shift, _scale) = family switch
        {
            "normal" => Of(new Normal(p1, p2), d => d.InverseCumulativeDistribution, 0, 1),
            "lognormal" => Of(new LogNormal(p1, p2), d => d.InverseCumulativeDistribution, 0, 1),
            "gamma" => Of(new Gamma(p1, p2), d => d.InverseCumulativeDistribution, 0, 1),
            "beta" => Of(new Beta(p1, p2), d => d.InverseCumulativeDistribution, lower, upper - lower),
            "uniform" => Of(new ContinuousUniform(lower, upper), d => d.InverseCumulativeDistribution, 0, 1),
            _ => throw new ArgumentException($"unknown family '{family}'", nameof(family)),
        };
        _cdfLower = RawCdf(lower);
        _mass = RawCdf(upper) - _cdfLower;
        if (!(_mass > 1e-12))
        {
            throw new ArgumentException($"the {family} fit puts no mass on [{lower}, {upper}]", nameof(family));
        }
    }

    /// <summary>The family name as stored in model files.</summary>
    public string Family { get; }

    /// <summary>The two parameters of the family (normal: mean, sd; lognormal: mu, sigma; gamma: shape, rate; beta: a, b; uniform: lower, upper), then the bounds.</summary>
    public IReadOnlyList<double> Parameters { get; }

    /// <summary>Rebuilds a stored distribution from its four numbers.</summary>
    /// <exception cref="ArgumentException">The family or parameters are invalid.</exception>
    public static TruncatedDistribution Create(string family, double[] parameters)
    {
        if (parameters.Length != 4)
        {
            throw new ArgumentException($"the {family} marginal needs 4 numbers, found {parameters.Length}", nameof(parameters));
        }

        return new TruncatedDistribution(family, parameters[0], parameters[1], parameters[2], parameters[3]);
    }

    /// <summary>Fits every family to <paramref name="sorted"/> (ascending, not constant) and keeps the best by KS distance.</summary>
    public static TruncatedDistribution FitBest(double[] sorted)
    {
        TruncatedDistribution? best = null;
        var bestDistance = double.PositiveInfinity;
        foreach (var family in Families)
        {
            var candidate = TryFit(family, sorted);
            if (candidate is null)
            {
                continue;
            }

            var distance = candidate.KsDistance(sorted);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // The uniform always fits a non-constant range, so best is never null here.
        return best!;
    }

    /// <summary>The truncated CDF at <paramref name="x"/>.</summary>
    public double Cdf(double x) => Math.Clamp((RawCdf(x) - _cdfLower) / _mass, 0, 1);

    /// <summary>The truncated quantile function at <paramref name="v"/> in [0, 1].</summary>
    public double Quantile(double v)
    {
        var p = Math.Clamp(_cdfLower + (Math.Clamp(v, 0, 1) * _mass), 1e-15, 1 - 1e-15);
        return _shift + (_scale * _inverse(p));
    }

    /// <summary>The Kolmogorov-Smirnov distance between this distribution and the sample <paramref name="sorted"/>.</summary>
    public double KsDistance(double[] sorted)
    {
        var n = (double)sorted.Length;
        double d = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = Cdf(sorted[i]);
            d = Math.Max(d, Math.Max((i + 1) / n - f, f - (i / n)));
        }

        return d;
    }

    private static (IContinuousDistribution, Func<double, double>, double, double) Of<T>(T distribution, Func<T, Func<double, double>> inverse, double shift, double scale)
        where T : IContinuousDistribution => (distribution, inverse(distribution), shift, scale);

    private double RawCdf(double x) => _distribution.CumulativeDistribution((x - _shift) / _scale);

    private static TruncatedDistribution? TryFit(string family, double[] sorted)
    {
        double lower = sorted[0], upper = sorted[^1];
        var (mean, variance) = Moments(sorted);
        try
        {
            switch (family)
            {
                case "normal" when variance > 0:
                    return new TruncatedDistribution(family, mean, Math.Sqrt(variance), lower, upper);
                case "lognormal" when lower > 0:
                    var logNormal = LogNormal.Estimate(sorted);
                    return new TruncatedDistribution(family, logNormal.Mu, logNormal.Sigma, lower, upper);
                case "gamma" when lower > 0 && variance > 0:
                    return new TruncatedDistribution(family, mean * mean / variance, mean / variance, lower, upper);
                case "beta":
                    var (m, v) = Moments(sorted.Select(x => (x - lower) / (upper - lower)).ToArray());
                    var common = (m * (1 - m) / v) - 1;
                    return common > 0 ? new TruncatedDistribution(family, m * common, (1 - m) * common, lower, upper) : null;
                case "uniform":
                    return new TruncatedDistribution(family, lower, upper, lower, upper);
                default:
                    return null;
            }
        }
        catch (ArgumentException)
        {
            // A degenerate fit (for example no mass on the observed range) is simply not a candidate.
            return null;
        }
    }

    private static (double Mean, double Variance) Moments(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(x => (x - mean) * (x - mean)) / values.Length;
        return (mean, variance);
    }
}
