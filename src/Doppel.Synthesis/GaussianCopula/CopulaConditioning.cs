using System.Globalization;
using System.Runtime.CompilerServices;
using Doppel.Data;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis;

/// <summary>
/// Exact conditional sampling for <see cref="GaussianCopulaModel"/>. A row is y ~ N(0, R) with each column a
/// non-decreasing function of its coordinate, so every condition is a constraint on one latent coordinate: a label is
/// the interval of its slot on the normal scale, a numeric comparison the interval found by inverting the
/// marginal (bisection on the quantile function, so ties and integer rounding give the right widths), and equality
/// on a continuous column a single point. The rows are then drawn from N(0, R) restricted to those constraints by
/// <see cref="ConstrainedGaussian"/>. Built once per model and condition set.
/// </summary>
internal sealed class CopulaConditioning
{
    /// <summary>Below this acceptance of the exact proposal, the constrained block is Gibbs-sampled instead.</summary>
    public const double GibbsBelowAcceptance = 0.01;

    /// <summary>Gibbs sweeps per row when the exact proposal is too rarely accepted.</summary>
    public const int GibbsSweeps = 100;

    // The normal scale is bracketed by ±40: Φ(−40) is below the smallest double, so the ends stand for ±∞.
    private const double Bracket = 40;

    private static readonly ConditionalWeakTable<ConditionSet, CopulaConditioning> Cache = [];

    private readonly MarginalSet _marginals;
    private readonly ConditionSet _conditions;
    private readonly ConstrainedGaussian _gaussian;
    private readonly (int Column, double Value)[] _pinned;

    private CopulaConditioning(MarginalSet marginals, ReadOnlySpan<double> correlation, ConditionSet conditions)
    {
        _marginals = marginals;
        _conditions = conditions;
        var d = marginals.Modelled.Length;
        var regions = new LatentRegion?[d];
        var pinned = new List<(int, double)>();
        foreach (var constraint in conditions.Constraints)
        {
            var k = marginals.Modelled.IndexOf(constraint.Index);
            var region = marginals.Columns[constraint.Index] switch
            {
                DiscreteMarginal discrete => DiscreteRegion(discrete, constraint),
                NumericMarginal numeric => NumericRegion(numeric, constraint),
                _ => throw new InvalidOperationException($"column '{constraint.Conditions[0].Column}' cannot be conditioned on"),
            };
            if (region.IsEmpty)
            {
                throw new DoppelException($"the model never makes rows where {string.Join(", ", constraint.Conditions)}{Range(constraint)}; loosen the condition.");
            }

            if (region.Point is not null && constraint.Kind == ColumnKind.Continuous)
            {
                pinned.Add((constraint.Index, constraint.Lower));
            }

            regions[k] = region;
        }

        _pinned = [.. pinned];
        var covariance = Matrix<double>.Build.DenseOfRowMajor(d, d, correlation.ToArray());
        _gaussian = new ConstrainedGaussian(new double[d], covariance, regions);
        if (double.IsNegativeInfinity(_gaussian.LogNormaliser) || double.IsNaN(_gaussian.LogNormaliser))
        {
            throw new DoppelException($"the conditions {string.Join(", ", conditions.Conditions)} have no probability under this model; loosen them.");
        }
    }

    /// <summary>The conditioning of <paramref name="conditions"/> (compiled for this model), built on first use.</summary>
    /// <exception cref="DoppelException">A condition asks for values the model never makes.</exception>
    public static CopulaConditioning For(MarginalSet marginals, ReadOnlySpan<double> correlation, ConditionSet conditions)
    {
        if (Cache.TryGetValue(conditions, out var known) && known._marginals == marginals)
        {
            return known;
        }

        var built = new CopulaConditioning(marginals, correlation, conditions);
        Cache.AddOrUpdate(conditions, built);
        return built;
    }

    /// <summary>Draws <paramref name="rows"/> rows meeting every condition from <paramref name="rng"/>.</summary>
    public Table Sample(int rows, Rng rng) => _conditions.SampleExactly(rows, rng, Draw, "the latent constraints");

    private Table Draw(int rows, Rng rng)
    {
        var d = _marginals.Modelled.Length;
        var normals = new double[d][];
        for (var k = 0; k < d; k++)
        {
            normals[k] = new double[rows];
        }

        var y = new double[d];
        long proposals = 0;
        var row = 0;
        while (row < rows)
        {
            proposals++;
            if (_gaussian.Propose(rng, y))
            {
                for (var k = 0; k < d; k++)
                {
                    normals[k][row] = y[k];
                }

                row++;
            }
            else if (proposals >= 1000 && row < proposals * GibbsBelowAcceptance)
            {
                var rest = new double[d][];
                for (var k = 0; k < d; k++)
                {
                    rest[k] = new double[rows - row];
                }

                _gaussian.SampleGibbs(rows - row, GibbsSweeps, rng.Fork("gibbs"), rest);
                for (var k = 0; k < d; k++)
                {
                    rest[k].CopyTo(normals[k], row);
                }

                break;
            }
        }

        var table = _marginals.BuildFromNormal(rows, normals);
        return ColumnConstraint.Pin(table, _pinned);
    }

    /// <summary>The allowed slots of a discrete column, merged where adjacent, on the normal scale.</summary>
    private static LatentRegion DiscreteRegion(DiscreteMarginal marginal, ColumnConstraint constraint)
    {
        var total = (double)Math.Max(1, marginal.Counts.Sum() + marginal.MissingCount);
        var lows = new List<double>();
        var highs = new List<double>();
        double start = 0;
        foreach (var code in marginal.Order)
        {
            var width = (code < 0 ? marginal.MissingCount : marginal.Counts[code]) / total;
            if (code >= 0 && width > 0 && constraint.Allows(marginal.Labels[code]))
            {
                var (a, b) = (Latent(start), Latent(start + width));
                if (highs.Count > 0 && highs[^1] == a)
                {
                    highs[^1] = b;
                }
                else
                {
                    lows.Add(a);
                    highs.Add(b);
                }
            }

            start += width;
        }

        return LatentRegion.Intervals([.. lows], [.. highs]);
    }

    /// <summary>The latent values whose column value meets the constraint, by inverting the marginal.</summary>
    private static LatentRegion NumericRegion(NumericMarginal marginal, ColumnConstraint constraint)
    {
        if (marginal.ObservedCount == 0)
        {
            return LatentRegion.Intervals([], []);
        }

        var m = marginal.MissingRate;
        var whole = marginal.Kind != ColumnKind.Continuous;
        double Value(double y)
        {
            var u = 0.5 * SpecialFunctions.Erfc(-y / Constants.Sqrt2);
            if (u < m)
            {
                return double.NegativeInfinity;
            }

            var x = marginal.Quantile((u - m) / (1 - m));
            return whole ? Math.Round(x, MidpointRounding.ToEven) : x;
        }

        return LatentRegion.Preimage(Value, constraint, -Bracket, Bracket);
    }

    private static double Latent(double u) => u <= 0 ? double.NegativeInfinity : u >= 1 ? double.PositiveInfinity : Normal.InvCDF(0, 1, u);

    private string Range(ColumnConstraint constraint) =>
        _marginals.Columns[constraint.Index] is NumericMarginal { ObservedCount: > 0 } numeric
            ? string.Create(CultureInfo.InvariantCulture, $" (its values of '{constraint.Conditions[0].Column}' lie between {numeric.Quantile(0):G6} and {numeric.Quantile(1):G6})")
            : "";
}
