using System.Collections.Immutable;

namespace Doppel.Synthesis.Specification;

/// <summary>A marginal with finitely many atoms: values in increasing order, their probabilities and cumulative sums.</summary>
internal sealed class DiscreteMarginal : Marginal
{
    private readonly double[] _values;
    private readonly double[] _probabilities;
    private readonly double[] _cumulative;
    private readonly ImmutableArray<string> _labels;

    public DiscreteMarginal(string name, string family, double[] values, double[] probabilities, ImmutableArray<string> labels = default)
        : base(name, family)
    {
        _values = values;
        var total = probabilities.Sum();
        _probabilities = [.. probabilities.Select(p => p / total)];
        _cumulative = new double[values.Length];
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += _probabilities[i];
            _cumulative[i] = sum;
        }

        _cumulative[^1] = 1.0;
        _labels = labels.IsDefault ? [] : labels;
    }

    public override bool IsDiscrete => true;

    public override ImmutableArray<string> Labels => _labels;

    public override ReadOnlySpan<double> AtomValues => _values;

    public override ReadOnlySpan<double> AtomProbabilities => _probabilities;

    /// <summary>Cumulative probability through each atom (the last is exactly 1).</summary>
    public ReadOnlySpan<double> Cumulative => _cumulative;

    public override double Cdf(double x)
    {
        var k = Array.BinarySearch(_values, x);
        if (k >= 0)
        {
            return _cumulative[k];
        }

        k = ~k;
        return k == 0 ? 0 : _cumulative[k - 1];
    }

    public override double Density(double x)
    {
        var k = Array.BinarySearch(_values, x);
        return k >= 0 ? _probabilities[k] : 0;
    }

    public override double InverseCdf(double p) => _values[AtomIndex(p)];

    /// <summary>The index of the smallest atom whose cumulative probability reaches <paramref name="p"/>.</summary>
    public int AtomIndex(double p)
    {
        var lo = 0;
        var hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_cumulative[mid] >= p)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>The most atoms a count distribution may need to reach a cumulative probability of 1 - 1e-13.</summary>
    public const int MaxAtoms = 1_000_000;

    /// <summary>
    /// Atoms of a count distribution from its mass function, kept until the cumulative (from <paramref name="cdf"/>,
    /// which unlike a running sum does not drift) reaches 1 - 1e-13, the rest folded into the last; null when that
    /// needs more than <see cref="MaxAtoms"/> atoms.
    /// </summary>
    public static DiscreteMarginal? FromCounts(string name, string family, Func<int, double> pmf, Func<int, double> cdf, int maxCount)
    {
        var values = new List<double>();
        var probabilities = new List<double>();
        for (var k = 0; k <= maxCount; k++)
        {
            var p = pmf(k);
            if (p > 0 || values.Count > 0)
            {
                values.Add(k);
                probabilities.Add(p);
            }

            if (values.Count > MaxAtoms)
            {
                return null;
            }

            if (k == maxCount || (((k & 63) == 63 || k < 64) && cdf(k) >= 1 - 1e-13))
            {
                break;
            }
        }

        probabilities[^1] += Math.Max(0, 1 - probabilities.Sum());
        return new DiscreteMarginal(name, family, [.. values], [.. probabilities]);
    }
}
