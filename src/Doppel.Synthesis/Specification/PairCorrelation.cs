using MathNet.Numerics.RootFinding;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// Correlation calculus for one pair of marginals: the Fréchet bounds (the correlations of the comonotone and
/// antimonotone couplings X = Q1(U), Y = Q2(U) or Q2(1 - U)) and the NORTA map from a normal-scale correlation
/// rho to the correlation of (Q1(Φ(Z1)), Q2(Φ(Z2))), with its inverse by Brent's method.
/// </summary>
internal static class PairCorrelation
{
    /// <summary>The attainable range of the pair's correlation of <paramref name="type"/>.</summary>
    public static (double Lower, double Upper) Bounds(ScaledMarginal a, ScaledMarginal b, CorrelationType type)
    {
        if (type == CorrelationType.Kendall)
        {
            return KendallBounds(a, b);
        }

        var upper = (QuantileQuadrature.Expect(z => a.At(z) * b.At(z), a.Breaks.Concat(b.Breaks)) - (a.Mean * b.Mean)) / (a.Sd * b.Sd);
        var lower = (QuantileQuadrature.Expect(z => a.At(z) * b.At(-z), a.Breaks.Concat(b.Breaks.Select(x => -x))) - (a.Mean * b.Mean)) / (a.Sd * b.Sd);
        return (Math.Clamp(lower, -1, 1), Math.Clamp(upper, -1, 1));
    }

    /// <summary>
    /// The correlation (Pearson on the scale of <paramref name="a"/> and <paramref name="b"/>) of the pair when the
    /// normal scores have correlation <paramref name="rho"/>: E[g1(Z1) E[g2(rho Z1 + s W) | Z1]] with s = √(1 - rho²).
    /// The outer integral runs over a discrete marginal when there is one, so its steps are integrated exactly.
    /// </summary>
    public static double At(ScaledMarginal a, ScaledMarginal b, double rho)
    {
        if (rho >= 1 - 1e-12 || rho <= -1 + 1e-12)
        {
            var bounds = Bounds(a, b, CorrelationType.Pearson);
            return rho > 0 ? bounds.Upper : bounds.Lower;
        }

        var (outer, inner) = !a.IsDiscrete && b.IsDiscrete ? (b, a) : (a, b);
        var s = Math.Sqrt(1 - (rho * rho));
        var breaks = new List<double>(outer.Breaks);
        if (inner.IsDiscrete && Math.Abs(rho) > 1e-9)
        {
            // The inner expectation moves from one atom to the next around z1 = b_k / rho over a width s / |rho|.
            var width = s / Math.Abs(rho);
            foreach (var c in inner.Breaks)
            {
                foreach (var t in (ReadOnlySpan<double>)[-8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8])
                {
                    breaks.Add((c / rho) + (t * width));
                }
            }
        }

        var e = QuantileQuadrature.Expect(z => outer.At(z) * inner.Inner(rho * z, s), breaks);
        return (e - (a.Mean * b.Mean)) / (a.Sd * b.Sd);
    }

    /// <summary>
    /// The normal-scale correlation that maps to <paramref name="target"/> (clamped into the Fréchet bounds
    /// <paramref name="lower"/>..<paramref name="upper"/>). For Kendall's tau the Gaussian-copula relation
    /// rho = sin(π tau / 2) is used, which is exact for continuous marginals.
    /// </summary>
    public static double NormalScale(ScaledMarginal a, ScaledMarginal b, CorrelationType type, double target, double lower, double upper)
    {
        if (type == CorrelationType.Kendall)
        {
            return Math.Sin(Math.PI * Math.Clamp(target, lower, upper) / 2);
        }

        if (target >= upper)
        {
            return 1;
        }

        if (target <= lower)
        {
            return -1;
        }

        if (target == 0)
        {
            return 0;
        }

        var f = (double rho) => At(a, b, rho) - target;
        var (lo, hi) = target > 0 ? (0.0, 1.0) : (-1.0, 0.0);
        var (flo, fhi) = (f(lo), f(hi));
        if (Math.Sign(flo) == Math.Sign(fhi))
        {
            // Quadrature error can hide the sign change for a target within about 1e-7 of 0 or of a bound.
            return Math.Abs(flo) < Math.Abs(fhi) ? lo : hi;
        }

        if (Brent.TryFindRoot(f, lo, hi, 1e-9, 200, out var root))
        {
            return root;
        }

        // The map is monotone: bisection always converges, Brent only usually does on a quadrature-noisy function.
        for (var i = 0; i < 45; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Math.Sign(f(mid)) == Math.Sign(flo))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Kendall's tau-b of the comonotone and antimonotone couplings: only ties keep it from ±1, so it follows from
    /// the tie probabilities P(X = X'), P(Y = Y') and, under the coupling, P(X = X' and Y = Y').
    /// </summary>
    private static (double Lower, double Upper) KendallBounds(ScaledMarginal a, ScaledMarginal b)
    {
        var ia = Intervals(a);
        var ib = Intervals(b);
        var tx = ia.Sum(i => (i.Hi - i.Lo) * (i.Hi - i.Lo));
        var ty = ib.Sum(i => (i.Hi - i.Lo) * (i.Hi - i.Lo));
        var mirrored = ib.Select(i => (Lo: 1 - i.Hi, Hi: 1 - i.Lo)).ToArray();
        var co = TieBoth(ia, ib);
        var anti = TieBoth(ia, mirrored);
        var norm = Math.Sqrt((1 - tx) * (1 - ty));
        return (-(1 - tx - ty + anti) / norm, (1 - tx - ty + co) / norm);
    }

    private static (double Lo, double Hi)[] Intervals(ScaledMarginal m)
    {
        if (!m.IsDiscrete)
        {
            return [];
        }

        var p = m.Source.AtomProbabilities;
        var result = new (double Lo, double Hi)[p.Length];
        var c = 0.0;
        for (var k = 0; k < p.Length; k++)
        {
            result[k] = (c, k == p.Length - 1 ? 1 : c + p[k]);
            c = result[k].Hi;
        }

        return result;
    }

    private static double TieBoth((double Lo, double Hi)[] x, (double Lo, double Hi)[] y)
    {
        var sum = 0.0;
        foreach (var i in x)
        {
            foreach (var j in y)
            {
                var overlap = Math.Min(i.Hi, j.Hi) - Math.Max(i.Lo, j.Lo);
                if (overlap > 0)
                {
                    sum += overlap * overlap;
                }
            }
        }

        return sum;
    }
}
