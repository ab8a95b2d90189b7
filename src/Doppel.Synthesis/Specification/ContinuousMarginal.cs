using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// A continuous marginal over a MathNet distribution. The inverse CDF is either closed-form (passed in) or found by
/// safeguarded Newton iteration on MathNet's CDF (used where MathNet's own inverse is a bracketed search that
/// fails in the far tails, as for Student's t and beta).
/// </summary>
internal sealed class ContinuousMarginal : Marginal
{
    private readonly IContinuousDistribution _distribution;
    private readonly Func<double, double>? _inverse;
    private readonly double _low;
    private readonly double _high;
    private readonly double _guess;

    public ContinuousMarginal(
        string name,
        string family,
        IContinuousDistribution distribution,
        Func<double, double>? inverse,
        double low = double.NegativeInfinity,
        double high = double.PositiveInfinity,
        double guess = 0)
        : base(name, family)
    {
        _distribution = distribution;
        _inverse = inverse;
        _low = low;
        _high = high;
        _guess = guess;
    }

    public override bool IsDiscrete => false;

    public override double Cdf(double x) => _distribution.CumulativeDistribution(x);

    public override double Density(double x) => _distribution.Density(x);

    public override double InverseCdf(double p)
    {
        if (_inverse is { } f)
        {
            // MathNet's incomplete-gamma inverse returns NaN far in the lower tail of small shapes: fall back to Newton there.
            var x = f(p);
            if (double.IsFinite(x) || p <= 0 || p >= 1)
            {
                return x;
            }
        }

        return CdfInversion.Invert(Cdf, Density, p, _low, _high, _guess);
    }
}
