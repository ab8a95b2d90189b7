using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// A marginal seen through the standard normal scale, g(z) = T(Q(Φ(z))), where Q is its inverse CDF and T the
/// transform of the correlation type: the identity for Pearson, the mid-distribution function (F(x) + F(x-)) / 2
/// for Spearman and Kendall (so a Pearson correlation on this scale is a rank correlation with mid-ranks).
/// Continuous marginals are tabulated on a fine grid (step 1/1024, linear interpolation); discrete ones are kept
/// as atoms with their normal-scale thresholds, so integrals over them are exact.
/// </summary>
internal sealed class ScaledMarginal
{
    private const double Step = 1.0 / 1024;
    private readonly double[] _table = [];

    private ScaledMarginal(Marginal marginal, CorrelationType type)
    {
        Source = marginal;
        var rank = type != CorrelationType.Pearson;
        if (marginal.IsDiscrete)
        {
            var values = marginal.AtomValues;
            var probabilities = marginal.AtomProbabilities;
            Atoms = new double[values.Length];
            Breaks = new double[values.Length - 1];
            var cumulative = 0.0;
            for (var k = 0; k < values.Length; k++)
            {
                var next = k == values.Length - 1 ? 1.0 : Math.Min(1.0, cumulative + probabilities[k]);
                Atoms[k] = rank ? 0.5 * (cumulative + next) : values[k];
                if (k < Breaks.Length)
                {
                    Breaks[k] = next >= 1 ? double.PositiveInfinity : Normal.InvCDF(0, 1, next);
                }

                cumulative = next;
            }
        }
        else
        {
            Atoms = [];
            Breaks = [];
            var count = (int)Math.Round(2 * QuantileQuadrature.ZMax / Step);
            _table = new double[count + 1];
            for (var i = 0; i <= count; i++)
            {
                var z = -QuantileQuadrature.ZMax + (i * Step);
                var u = z <= 0 ? Normal.CDF(0, 1, z) : 1 - Normal.CDF(0, 1, -z);
                _table[i] = rank ? u : marginal.InverseCdf(u);
            }
        }

        Mean = QuantileQuadrature.Expect(At, Breaks);
        var second = QuantileQuadrature.Expect(z => Square(At(z) - Mean), Breaks);
        Sd = Math.Sqrt(second);
    }

    /// <summary>The marginal this scale was built from.</summary>
    public Marginal Source { get; }

    /// <summary>True when the marginal has atoms.</summary>
    public bool IsDiscrete => Atoms.Length > 0;

    /// <summary>Transformed atom values (discrete only).</summary>
    public double[] Atoms { get; }

    /// <summary>Normal-scale thresholds between consecutive atoms: atom k covers (Breaks[k-1], Breaks[k]].</summary>
    public double[] Breaks { get; }

    /// <summary>E[g(Z)].</summary>
    public double Mean { get; }

    /// <summary>The standard deviation of g(Z).</summary>
    public double Sd { get; }

    /// <summary>Builds the scale of <paramref name="marginal"/> for <paramref name="type"/>.</summary>
    public static ScaledMarginal Create(Marginal marginal, CorrelationType type) => new(marginal, type);

    /// <summary>g(z).</summary>
    public double At(double z)
    {
        if (IsDiscrete)
        {
            var k = Array.BinarySearch(Breaks, z);
            return Atoms[k >= 0 ? k : ~k];
        }

        var x = (z + QuantileQuadrature.ZMax) / Step;
        if (x <= 0)
        {
            return _table[0];
        }

        if (x >= _table.Length - 1)
        {
            return _table[^1];
        }

        var i = (int)x;
        var t = x - i;
        return _table[i] + (t * (_table[i + 1] - _table[i]));
    }

    /// <summary>E[g(mu + s·W)] for W ~ N(0, 1): exact for atoms, Gauss-Hermite for a continuous marginal.</summary>
    public double Inner(double mu, double s)
    {
        if (IsDiscrete)
        {
            // E = v_0 + Σ_k (v_{k+1} - v_k) · P(mu + sW > b_k).
            var sum = Atoms[0];
            for (var k = 0; k < Breaks.Length; k++)
            {
                sum += (Atoms[k + 1] - Atoms[k]) * Normal.CDF(0, 1, (mu - Breaks[k]) / s);
            }

            return sum;
        }

        var (nodes, weights) = QuantileQuadrature.Hermite;
        var e = 0.0;
        for (var j = 0; j < nodes.Length; j++)
        {
            e += weights[j] * At(mu + (s * nodes[j]));
        }

        return e;
    }

    private static double Square(double x) => x * x;
}
