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
    private const int BracketRange = 8;
    private const int BracketsPerUnit = 16;
    private double[]? _brackets;

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

        if (p <= 0 || p >= 1)
        {
            return p <= 0 ? _low : _high;
        }

        // The quantiles at a coarse normal-score grid bracket the answer, so Newton starts close and stays inside.
        var table = _brackets ??= BracketTable();
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
        var position = ((z + BracketRange) * BracketsPerUnit) - 1;
        if (position < 0 || position >= table.Length - 2)
        {
            return CdfInversion.Invert(Cdf, Density, p, _low, _high, _guess);
        }

        var i = (int)position;
        var t = position - i;
        var guess = table[i] + (t * (table[i + 1] - table[i]));
        return CdfInversion.Invert(Cdf, Density, p, table[i], table[i + 1], guess);
    }

    private double[] BracketTable()
    {
        // Entry k holds Q(Φ(-BracketRange + (k + 1) / BracketsPerUnit)).
        var count = (2 * BracketRange * BracketsPerUnit) - 1;
        var table = new double[count];
        for (var k = 0; k < count; k++)
        {
            var z = -BracketRange + ((k + 1.0) / BracketsPerUnit);
            var u = z <= 0 ? MathNet.Numerics.Distributions.Normal.CDF(0, 1, z) : 1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, -z);
            table[k] = CdfInversion.Invert(Cdf, Density, u, _low, _high, _guess);
        }

        return table;
    }
}
