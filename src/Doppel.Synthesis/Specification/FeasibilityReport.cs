using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// What can be reached before anything is generated: whether the target is a valid correlation matrix, each
/// pair's attainable range and, when the target cannot be reached, the nearest attainable target (the nearest
/// positive semi-definite matrix with every pair inside its range, in the Frobenius norm).
/// </summary>
internal sealed class FeasibilityReport
{
    internal FeasibilityReport(
        GenerationSpec spec,
        ImmutableArray<Marginal> marginals,
        ImmutableArray<ScaledMarginal> scales,
        ImmutableArray<PairFeasibility> pairs,
        double minEigenvalue,
        double[] attainable)
    {
        Spec = spec;
        Marginals = marginals;
        Scales = scales;
        Pairs = pairs;
        MinEigenvalue = minEigenvalue;
        AttainableTarget = [.. attainable];
    }

    /// <summary>The specification checked.</summary>
    public GenerationSpec Spec { get; }

    /// <summary>The marginals built from the specification.</summary>
    public ImmutableArray<Marginal> Marginals { get; }

    /// <summary>Every pair (i &lt; j) in row order.</summary>
    public ImmutableArray<PairFeasibility> Pairs { get; }

    /// <summary>The smallest eigenvalue of the target matrix.</summary>
    public double MinEigenvalue { get; }

    /// <summary>True when the target is positive semi-definite (smallest eigenvalue at least -1e-10).</summary>
    public bool IsPositiveSemidefinite => MinEigenvalue >= -1e-10;

    /// <summary>The pairs whose target lies outside their attainable range.</summary>
    public IEnumerable<PairFeasibility> InfeasiblePairs => Pairs.Where(p => !p.IsAttainable);

    /// <summary>True when the target is a valid correlation matrix and every pair is attainable.</summary>
    public bool IsFeasible => IsPositiveSemidefinite && Pairs.All(p => p.IsAttainable);

    /// <summary>The target to aim for, row-major: the target itself when feasible, else the nearest attainable one.</summary>
    public ImmutableArray<double> AttainableTarget { get; }

    internal ImmutableArray<ScaledMarginal> Scales { get; }

    /// <summary>A plain-text account: matrix validity, infeasible pairs with their ranges, the adjusted target.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var type = Spec.Correlation.ToString().ToLowerInvariant();
        sb.AppendLine(c, $"specification '{Spec.Name}': {Spec.Dimension} marginals, {type} correlation");
        sb.AppendLine("target matrix: symmetric, unit diagonal, entries in [-1, 1]");
        sb.AppendLine(c, $"positive semi-definite: {(IsPositiveSemidefinite ? "yes" : "no")} (smallest eigenvalue {MinEigenvalue:F4})");
        var bad = InfeasiblePairs.ToList();
        sb.AppendLine(c, $"pairs outside their attainable range: {bad.Count} of {Pairs.Length}");
        foreach (var p in bad)
        {
            sb.AppendLine(c, $"  ({p.FirstName}, {p.SecondName}): target {p.Target:F4}, attainable [{p.Lower:F4}, {p.Upper:F4}]");
        }

        if (IsFeasible)
        {
            sb.AppendLine("the target is attainable");
        }
        else
        {
            var n = Spec.Dimension;
            var max = 0.0;
            for (var i = 0; i < n * n; i++)
            {
                max = Math.Max(max, Math.Abs(AttainableTarget[i] - Spec.Target[i]));
            }

            sb.AppendLine(c, $"nearest attainable target: up to {max:F4} from the requested one; generation aims as close to the request as the marginals allow");
        }

        return sb.ToString();
    }
}
