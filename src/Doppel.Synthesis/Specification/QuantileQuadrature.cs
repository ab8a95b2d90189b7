using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// Integrals over the standard normal scale: E[h(Z)] for Z ~ N(0, 1) by composite Gauss-Legendre on [-8, 8]
/// (the mass outside is 1.2e-15), with the pieces split at every jump of a discrete marginal so that step
/// functions are integrated exactly, and probabilists' Gauss-Hermite nodes for inner expectations.
/// </summary>
internal static class QuantileQuadrature
{
    /// <summary>Integration range on the normal scale.</summary>
    public const double ZMax = 8.0;

    private const double PieceWidth = 0.125;
    private const int LegendreOrder = 10;
    private const int HermiteOrder = 48;
    private static readonly double InvSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);
    private static readonly (double[] Nodes, double[] Weights) Legendre = LegendreRule();

    /// <summary>Probabilists' Gauss-Hermite rule: nodes and weights with Σ w f(x) ≈ E[f(W)], W ~ N(0, 1).</summary>
    public static (double[] Nodes, double[] Weights) Hermite { get; } = HermiteRule(HermiteOrder);

    /// <summary>Mean and variance of a marginal on its own (Pearson) scale.</summary>
    public static (double Mean, double Variance) Moments(Marginal marginal)
    {
        var scale = ScaledMarginal.Create(marginal, CorrelationType.Pearson);
        return (scale.Mean, scale.Sd * scale.Sd);
    }

    /// <summary>E[h(Z)] with the integration pieces also split at <paramref name="breaks"/>.</summary>
    public static double Expect(Func<double, double> h, IEnumerable<double> breaks)
    {
        var cuts = Cuts(breaks);
        var (nodes, weights) = Legendre;
        var sum = 0.0;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var a = cuts[i];
            var b = cuts[i + 1];
            var half = 0.5 * (b - a);
            if (half <= 0)
            {
                continue;
            }

            var mid = 0.5 * (a + b);
            var piece = 0.0;
            for (var k = 0; k < nodes.Length; k++)
            {
                var z = mid + (half * nodes[k]);
                piece += weights[k] * h(z) * Math.Exp(-0.5 * z * z);
            }

            sum += piece * half;
        }

        return sum * InvSqrt2Pi;
    }

    private static List<double> Cuts(IEnumerable<double> breaks)
    {
        var cuts = new List<double>();
        var count = (int)Math.Round(2 * ZMax / PieceWidth);
        for (var i = 0; i <= count; i++)
        {
            cuts.Add(-ZMax + (i * PieceWidth));
        }

        foreach (var b in breaks)
        {
            if (b > -ZMax && b < ZMax)
            {
                cuts.Add(b);
            }
        }

        cuts.Sort();
        return cuts;
    }

    private static (double[] Nodes, double[] Weights) LegendreRule()
    {
        var rule = new GaussLegendreRule(-1, 1, LegendreOrder);
        return (rule.Abscissas, rule.Weights);
    }

    /// <summary>Golub-Welsch: the nodes are the eigenvalues of the Jacobi matrix of the Hermite polynomials He_k.</summary>
    private static (double[] Nodes, double[] Weights) HermiteRule(int order)
    {
        var jacobi = new DenseMatrix(order, order);
        for (var k = 1; k < order; k++)
        {
            jacobi[k, k - 1] = Math.Sqrt(k);
            jacobi[k - 1, k] = Math.Sqrt(k);
        }

        var evd = jacobi.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var nodes = new double[order];
        var weights = new double[order];
        for (var k = 0; k < order; k++)
        {
            nodes[k] = evd.EigenValues[k].Real;
            var v = evd.EigenVectors[0, k];
            weights[k] = v * v;
        }

        return (nodes, weights);
    }
}
