using Doppel.Data;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis;

/// <summary>
/// Where a latent Gaussian coordinate must lie for its column to meet its conditions: a sorted union of disjoint
/// closed intervals (ends may be infinite), or a single point. Built by <see cref="Preimage"/> from a monotone map
/// of the latent coordinate to the column's value, so it serves every model whose columns are monotone images of a
/// Gaussian (the copula's normal scores, a mixture's standardised values).
/// </summary>
internal sealed class LatentRegion
{
    private const int BisectionSteps = 200;

    private LatentRegion(double[] lows, double[] highs, double? point)
    {
        Lows = lows;
        Highs = highs;
        Point = point;
    }

    /// <summary>The lower ends of the intervals, increasing.</summary>
    public double[] Lows { get; }

    /// <summary>The upper ends of the intervals.</summary>
    public double[] Highs { get; }

    /// <summary>The single allowed point, when the region is one (then <see cref="Lows"/> is empty).</summary>
    public double? Point { get; }

    /// <summary>Whether no latent value meets the conditions.</summary>
    public bool IsEmpty => Point is null && Lows.Length == 0;

    /// <summary>A region of the given intervals (sorted, disjoint).</summary>
    public static LatentRegion Intervals(double[] lows, double[] highs) => new(lows, highs, null);

    /// <summary>A region holding one point.</summary>
    public static LatentRegion AtPoint(double point) => new([], [], point);

    /// <summary>Whether <paramref name="y"/> lies in the region (a point region holds only its point).</summary>
    public bool Contains(double y)
    {
        if (Point is { } p)
        {
            return y == p;
        }

        for (var i = 0; i < Lows.Length; i++)
        {
            if (y >= Lows[i] && y <= Highs[i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The latent values y in [<paramref name="bracketLow"/>, <paramref name="bracketHigh"/>] whose column value
    /// <paramref name="value"/>(y) meets <paramref name="constraint"/>; the bracket's ends stand for ±∞.
    /// <paramref name="value"/> must be non-decreasing, returning −∞ where the column is missing (missing values never
    /// meet a condition). A condition met by a single latent point only (equality on a continuous column) gives a
    /// point region.
    /// </summary>
    public static LatentRegion Preimage(Func<double, double> value, ColumnConstraint constraint, double bracketLow, double bracketHigh)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(constraint);
        bool AboveLower(double y)
        {
            var x = value(y);
            return !double.IsNegativeInfinity(x) && (constraint.LowerInclusive ? x >= constraint.Lower : x > constraint.Lower);
        }

        bool AboveUpper(double y)
        {
            var x = value(y);
            return constraint.UpperInclusive ? x > constraint.Upper : x >= constraint.Upper;
        }

        var low = FirstTrue(AboveLower, bracketLow, bracketHigh);
        var high = FirstTrue(AboveUpper, bracketLow, bracketHigh);
        if (!(low < high) && !(low == high && constraint.IsPoint))
        {
            return new LatentRegion([], [], null);
        }

        if (constraint.IsPoint && high - low <= 1e-12 * Math.Max(1, Math.Abs(low)))
        {
            return AtPoint(0.5 * (low + high));
        }

        var lows = new List<double> { low <= bracketLow ? double.NegativeInfinity : low };
        var highs = new List<double> { high >= bracketHigh ? double.PositiveInfinity : high };
        foreach (var p in constraint.ExcludedNumbers.Order())
        {
            // The values equal to p own [first y with value ≥ p, first y with value > p]; remove it when it has width.
            var from = FirstTrue(y => value(y) >= p, bracketLow, bracketHigh);
            var to = FirstTrue(y => value(y) > p, bracketLow, bracketHigh);
            if (to - from > 1e-12 * Math.Max(1, Math.Abs(from)))
            {
                Remove(lows, highs, from, to);
            }
        }

        return new LatentRegion([.. lows], [.. highs], null);
    }

    /// <summary>The probability that N(<paramref name="mean"/>, <paramref name="sd"/>²) falls in the region (0 for a point).</summary>
    public double Mass(double mean, double sd)
    {
        double total = 0;
        for (var i = 0; i < Lows.Length; i++)
        {
            total += IntervalMass((Lows[i] - mean) / sd, (Highs[i] - mean) / sd);
        }

        return total;
    }

    /// <summary>A draw from N(<paramref name="mean"/>, <paramref name="sd"/>²) restricted to the region, by inverting the CDF (exact).</summary>
    /// <exception cref="DoppelException">The region has no probability under this normal.</exception>
    public double Sample(double mean, double sd, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (Point is { } point)
        {
            return point;
        }

        var masses = new double[Lows.Length];
        double total = 0;
        for (var i = 0; i < masses.Length; i++)
        {
            masses[i] = IntervalMass((Lows[i] - mean) / sd, (Highs[i] - mean) / sd);
            total += masses[i];
        }

        var u = rng.NextDouble() * total;
        var pick = masses.Length - 1;
        for (var i = 0; i < masses.Length; i++)
        {
            if (u < masses[i])
            {
                pick = i;
                break;
            }

            u -= masses[i];
        }

        if (!(total > 0))
        {
            // So far in a tail that double precision holds no mass: the nearest end is where nearly all of it sits.
            var a = Lows[pick];
            var b = Highs[pick];
            return double.IsFinite(a) && (Math.Abs(a - mean) <= Math.Abs(b - mean) || !double.IsFinite(b)) ? a : double.IsFinite(b) ? b : mean;
        }

        var x = StandardSample((Lows[pick] - mean) / sd, (Highs[pick] - mean) / sd, rng);
        return Math.Clamp(mean + (sd * x), Lows[pick], Highs[pick]);
    }

    /// <summary>Φ(β) − Φ(α), computed in the lower tail for accuracy.</summary>
    private static double IntervalMass(double alpha, double beta) => alpha > 0
        ? Phi(-alpha) - Phi(-beta)
        : Phi(beta) - Phi(alpha);

    /// <summary>A draw from N(0, 1) restricted to [α, β] by inverting the CDF; intervals above 0 are reflected into the lower tail.</summary>
    private static double StandardSample(double alpha, double beta, Rng rng)
    {
        if (alpha > 0)
        {
            return -StandardSample(-beta, -alpha, rng);
        }

        var pa = Phi(alpha);
        var pb = Phi(beta);
        var u = pa + (rng.NextOpenDouble() * (pb - pa));
        return u <= 0 ? alpha : u >= 1 ? beta : Normal.InvCDF(0, 1, u);
    }

    private static double Phi(double x) => double.IsNegativeInfinity(x) ? 0 : double.IsPositiveInfinity(x) ? 1 : 0.5 * SpecialFunctions.Erfc(-x / Constants.Sqrt2);

    /// <summary>The boundary of a predicate that is false then true over the bracket: its low end when true there, its high end when never true.</summary>
    private static double FirstTrue(Func<double, bool> predicate, double low, double high)
    {
        if (predicate(low))
        {
            return low;
        }

        if (!predicate(high))
        {
            return high;
        }

        for (var step = 0; step < BisectionSteps && high - low > 1e-15 * Math.Max(1, Math.Abs(low)); step++)
        {
            var mid = 0.5 * (low + high);
            if (predicate(mid))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return high;
    }

    private static void Remove(List<double> lows, List<double> highs, double from, double to)
    {
        for (var i = lows.Count - 1; i >= 0; i--)
        {
            if (to <= lows[i] || from >= highs[i])
            {
                continue;
            }

            var (a, b) = (lows[i], highs[i]);
            lows.RemoveAt(i);
            highs.RemoveAt(i);
            if (to < b)
            {
                lows.Insert(i, to);
                highs.Insert(i, b);
            }

            if (a < from)
            {
                lows.Insert(i, a);
                highs.Insert(i, from);
            }
        }
    }
}
