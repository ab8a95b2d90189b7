namespace Doppel.Synthesis.Specification;

/// <summary>
/// The continuous <c>empirical</c> marginal given by quantiles: the quantile function is linear between the knots
/// (<c>probabilities[k]</c>, <c>quantiles[k]</c>), so the density is constant between consecutive quantiles.
/// </summary>
internal sealed class QuantileMarginal : Marginal
{
    private readonly double[] _probabilities;
    private readonly double[] _quantiles;

    public QuantileMarginal(string name, double[] probabilities, double[] quantiles)
        : base(name, "empirical")
    {
        _probabilities = probabilities;
        _quantiles = quantiles;
    }

    public override bool IsDiscrete => false;

    public override double Cdf(double x)
    {
        if (x <= _quantiles[0])
        {
            return x < _quantiles[0] ? 0 : _probabilities[0];
        }

        if (x >= _quantiles[^1])
        {
            return 1;
        }

        var k = Segment(_quantiles, x);
        var t = (x - _quantiles[k]) / (_quantiles[k + 1] - _quantiles[k]);
        return _probabilities[k] + (t * (_probabilities[k + 1] - _probabilities[k]));
    }

    public override double Density(double x)
    {
        if (x < _quantiles[0] || x > _quantiles[^1])
        {
            return 0;
        }

        var k = Math.Min(Segment(_quantiles, x), _quantiles.Length - 2);
        return (_probabilities[k + 1] - _probabilities[k]) / (_quantiles[k + 1] - _quantiles[k]);
    }

    public override double InverseCdf(double p)
    {
        if (p <= _probabilities[0])
        {
            return _quantiles[0];
        }

        if (p >= _probabilities[^1])
        {
            return _quantiles[^1];
        }

        var k = Segment(_probabilities, p);
        var t = (p - _probabilities[k]) / (_probabilities[k + 1] - _probabilities[k]);
        return _quantiles[k] + (t * (_quantiles[k + 1] - _quantiles[k]));
    }

    /// <summary>The k with knots[k] &lt;= x &lt; knots[k + 1] (x inside the knot range).</summary>
    private static int Segment(double[] knots, double x)
    {
        var k = Array.BinarySearch(knots, x);
        k = k >= 0 ? k : ~k - 1;
        return Math.Clamp(k, 0, knots.Length - 2);
    }
}
