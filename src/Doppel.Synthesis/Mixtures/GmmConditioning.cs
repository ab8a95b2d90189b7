using System.Runtime.CompilerServices;
using Doppel.Data;

namespace Doppel.Synthesis.Mixtures;

/// <summary>
/// Exact conditional sampling for <see cref="GmmModel"/>. Given its component k, a row's discrete slots are
/// independent categorical draws, each numeric slot is missing with its own rate, and the observed numeric slots are
/// N(μ_k, Σ_k) in standardised units, each column a non-decreasing function of its slot (clamped to the training range,
/// rounded for whole numbers). So a component's share of the conditioned rows is
/// w_k · Π P_k(allowed labels) · Π P_k(observed) · p_k(points) · P_k(numeric intervals | points), and within it the
/// labels are drawn from their allowed levels and the numeric slots from the Gaussian restricted to the intervals.
/// The component is drawn from w_k · Π P_k(labels) · Π P_k(observed) · p_k(points) · P_k(y_f ∈ R_f | points) and
/// the row from <see cref="ConstrainedGaussian.Propose"/>; a refused proposal starts again from the component, which
/// makes the kept rows exact draws of the mixture given the conditions.
/// </summary>
internal sealed class GmmConditioning
{
    /// <summary>Below this acceptance (after <see cref="MinimumProposals"/> proposals) sampling stops with an error.</summary>
    public const double MinimumAcceptance = 1e-4;

    /// <summary>Proposals made before the acceptance is judged.</summary>
    public const int MinimumProposals = 10_000;

    private static readonly ConditionalWeakTable<ConditionSet, GmmConditioning> Cache = [];

    private readonly ColumnLayout _layout;
    private readonly MixtureParameters _p;
    private readonly ConditionSet _conditions;
    private readonly double[] _cumulative;
    private readonly ConstrainedGaussian?[] _gaussians;
    private readonly bool[] _observed;
    private readonly double[][] _allowedCumulative;
    private readonly (int Column, double Value)[] _pinned;

    private GmmConditioning(ColumnLayout layout, MixtureParameters parameters, ConditionSet conditions)
    {
        _layout = layout;
        _p = parameters;
        _conditions = conditions;
        var regions = new LatentRegion?[parameters.D];
        _observed = new bool[parameters.D];
        var allowed = new bool[parameters.Levels.Length][];
        var pinned = new List<(int, double)>();
        foreach (var constraint in conditions.Constraints)
        {
            var encoding = layout.Columns[constraint.Index];
            var name = encoding.Name;
            if (encoding.Role == ColumnRole.Discrete)
            {
                allowed[encoding.Slot] = [.. Enumerable.Range(0, parameters.Levels[encoding.Slot]).Select(l => l < encoding.Labels.Length && constraint.Allows(encoding.Labels[l]))];
                continue;
            }

            var region = encoding.Slot < 0 ? LatentRegion.Intervals([], []) : NumericRegion(encoding, constraint);
            if (region.IsEmpty)
            {
                throw new DoppelException($"the model never makes rows where {string.Join(", ", constraint.Conditions)}" +
                    (encoding.Slot < 0 ? $" ('{name}' was always missing)" : FormattableString.Invariant($" (its values of '{name}' lie between {encoding.Min:G6} and {encoding.Max:G6})")) + "; loosen the condition.");
            }

            regions[encoding.Slot] = region;
            _observed[encoding.Slot] = true;
            if (region.Point is not null && layout.Schema.Columns[constraint.Index].Kind == ColumnKind.Continuous)
            {
                pinned.Add((constraint.Index, constraint.Lower));
            }
        }

        _pinned = [.. pinned];
        _allowedCumulative = new double[parameters.K * parameters.Levels.Length][];
        _gaussians = new ConstrainedGaussian?[parameters.K];
        var logWeights = new double[parameters.K];
        for (var k = 0; k < parameters.K; k++)
        {
            var log = Math.Log(parameters.Weights[k]);
            for (var j = 0; j < parameters.Levels.Length; j++)
            {
                // Unconstrained slots allow every level: their cumulative is the component's own distribution.
                var start = (k * parameters.TotalLevels) + parameters.LevelOffsets[j];
                var cumulative = new double[parameters.Levels[j]];
                double sum = 0;
                for (var l = 0; l < cumulative.Length; l++)
                {
                    sum += allowed[j] is null || allowed[j][l] ? parameters.CategoryProbabilities[start + l] : 0;
                    cumulative[l] = sum;
                }

                _allowedCumulative[(k * parameters.Levels.Length) + j] = cumulative;
                log += allowed[j] is null ? 0 : Math.Log(sum);
            }

            for (var s = 0; s < parameters.D; s++)
            {
                log += _observed[s] ? Math.Log(1 - parameters.MissingRates[(k * parameters.D) + s]) : 0;
            }

            if (parameters.D > 0)
            {
                var mean = parameters.Means.AsSpan(k * parameters.D, parameters.D).ToArray();
                _gaussians[k] = new ConstrainedGaussian(mean, parameters.Covariance(k), regions);
                log += _gaussians[k]!.LogNormaliser;
            }

            logWeights[k] = double.IsNaN(log) ? double.NegativeInfinity : log;
        }

        var max = logWeights.Max();
        if (double.IsNegativeInfinity(max))
        {
            throw new DoppelException($"the conditions {string.Join(", ", conditions.Conditions)} have no probability under this model; loosen them.");
        }

        _cumulative = new double[parameters.K];
        double total = 0;
        for (var k = 0; k < parameters.K; k++)
        {
            total += Math.Exp(logWeights[k] - max);
            _cumulative[k] = total;
        }

        for (var k = 0; k < parameters.K; k++)
        {
            _cumulative[k] /= total;
        }
    }

    /// <summary>The components' probabilities given the conditions (before the refusals of the exact proposal).</summary>
    public IReadOnlyList<double> ProposalWeights => [.. _cumulative.Select((c, k) => c - (k == 0 ? 0 : _cumulative[k - 1]))];

    /// <summary>The conditioning of <paramref name="conditions"/> for this mixture, built on first use.</summary>
    /// <exception cref="DoppelException">A condition asks for values the model never makes.</exception>
    public static GmmConditioning For(ColumnLayout layout, MixtureParameters parameters, ConditionSet conditions)
    {
        if (Cache.TryGetValue(conditions, out var known) && known._p == parameters)
        {
            return known;
        }

        var built = new GmmConditioning(layout, parameters, conditions);
        Cache.AddOrUpdate(conditions, built);
        return built;
    }

    /// <summary>Draws <paramref name="rows"/> rows meeting every condition from <paramref name="rng"/>.</summary>
    /// <exception cref="DoppelException">The exact proposal is accepted less often than <see cref="MinimumAcceptance"/>.</exception>
    public Table Sample(int rows, Rng rng) => _conditions.SampleExactly(rows, rng, Draw, "the mixture's constraints");

    private Table Draw(int rows, Rng rng)
    {
        var p = _p;
        var numeric = new double[p.D][];
        for (var s = 0; s < p.D; s++)
        {
            numeric[s] = new double[rows];
        }

        var discrete = new int[p.Levels.Length][];
        for (var j = 0; j < discrete.Length; j++)
        {
            discrete[j] = new int[rows];
        }

        var y = new double[p.D];
        long proposals = 0;
        for (var row = 0; row < rows;)
        {
            proposals++;
            if (proposals >= MinimumProposals && row < proposals * MinimumAcceptance)
            {
                throw new DoppelException($"the conditions {string.Join(", ", _conditions.Conditions)} accepted {row} of {proposals} draws within the mixture's components; " +
                    "they describe rows this model almost never makes. Loosen them.");
            }

            var k = Pick(_cumulative, rng.NextDouble());
            if (_gaussians[k] is { } gaussian && !gaussian.Propose(rng, y))
            {
                continue;
            }

            for (var s = 0; s < p.D; s++)
            {
                numeric[s][row] = !_observed[s] && rng.NextDouble() < p.MissingRates[(k * p.D) + s] ? double.NaN : y[s];
            }

            for (var j = 0; j < discrete.Length; j++)
            {
                var cumulative = _allowedCumulative[(k * p.Levels.Length) + j];
                discrete[j][row] = Pick(cumulative, rng.NextDouble() * cumulative[^1]);
            }

            row++;
        }

        var table = _layout.Decode(rows, numeric, discrete);
        return ColumnConstraint.Pin(table, _pinned);
    }

    /// <summary>The standardised values whose decoded value (clamped, rounded for whole numbers) meets the constraint.</summary>
    private LatentRegion NumericRegion(ColumnEncoding encoding, ColumnConstraint constraint)
    {
        var whole = _layout.Schema[encoding.Name].Kind != ColumnKind.Continuous;
        double Value(double z)
        {
            var x = Math.Clamp(encoding.Center + (encoding.Scale * z), encoding.Min, encoding.Max);
            return whole ? Math.Round(x) : x;
        }

        // Beyond the training range every value is clamped, so the bracket's ends stand for ±∞.
        var low = ((encoding.Min - encoding.Center) / encoding.Scale) - 1;
        var high = ((encoding.Max - encoding.Center) / encoding.Scale) + 1;
        return LatentRegion.Preimage(Value, constraint, low, high);
    }

    /// <summary>The first index whose cumulative value exceeds <paramref name="u"/>.</summary>
    private static int Pick(double[] cumulative, double u)
    {
        var lo = 0;
        var hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (cumulative[mid] > u)
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
}
