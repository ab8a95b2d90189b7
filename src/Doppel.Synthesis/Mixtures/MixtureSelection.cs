using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis.Mixtures;

/// <summary>The outcome of a model-selection sweep.</summary>
/// <param name="Curve">Every (components, covariance type) candidate, by type then components.</param>
/// <param name="Chosen">The index in <paramref name="Curve"/> of the kept candidate.</param>
/// <param name="Parameters">The kept candidate's parameters.</param>
internal sealed record SelectionResult(ImmutableArray<SelectionPoint> Curve, int Chosen, MixtureParameters Parameters);

/// <summary>Fits every candidate of a sweep (in parallel over candidates, each from its own seeded stream) and chooses one.</summary>
internal static class MixtureSelection
{
    public static SelectionResult Run(
        MixtureData data,
        GmmOptions options,
        Rng rng,
        int maxDegreeOfParallelism,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var maxK = Math.Min(options.MaxComponents, Math.Max(1, data.Rows));
        var minK = Math.Min(options.MinComponents, maxK);
        var settings = options.Settings;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };
        var curve = ImmutableArray.CreateBuilder<SelectionPoint>();
        var kept = new List<MixtureParameters>();
        var steps = options.CovarianceTypes.Length * maxK;
        var step = 0;
        foreach (var type in options.CovarianceTypes)
        {
            // k = 1 has a single optimum; every larger k grows from the previous solution (MixtureGrowth).
            var current = MixtureEm.Fit(data, 1, type, settings, 1, rng.Fork($"gmm/{type}", 1), cancellationToken);
            for (var k = 1; k <= maxK; k++)
            {
                if (k > 1)
                {
                    current = Grow(data, current.Parameters, settings, options.Restarts, rng.Fork($"gmm/{type}", k), parallel);
                }

                if (k >= minK)
                {
                    var p = current.Parameters.FreeParameters();
                    var penalty = options.Criterion == SelectionCriterion.Bic ? p * Math.Log(Math.Max(2, data.Rows)) : 2.0 * p;
                    curve.Add(new SelectionPoint(k, type, current.LogLikelihood, p, (-2 * current.LogLikelihood) + penalty, current.Iterations, current.Converged));
                    kept.Add(current.Parameters);
                }

                progress?.Report(new TrainingProgress("model selection", ++step, steps, new Dictionary<string, double> { ["log_likelihood"] = current.LogLikelihood }));
            }
        }

        var points = curve.ToImmutable();
        var chosen = Choose(points, options.SelectionTolerance, data.Rows);
        return new SelectionResult(points, chosen, kept[chosen]);
    }

    /// <summary>
    /// Tries <paramref name="restarts"/> ways of adding a component, runs each for a few EM iterations in parallel,
    /// and continues the best to convergence. Each candidate draws from its own fork, so the result does not
    /// depend on the thread count.
    /// </summary>
    private static EmResult Grow(MixtureData data, MixtureParameters previous, EmSettings settings, int restarts, Rng rng, ParallelOptions parallel)
    {
        var runs = new MixtureEm[restarts];
        var shortIterations = restarts > 1 ? Math.Min(settings.ShortIterations, settings.MaxIterations) : settings.MaxIterations;
        Parallel.For(0, restarts, parallel, r =>
        {
            var start = MixtureGrowth.Grow(data, previous, r, settings.CovarianceFloor, rng.Fork("candidate", r));
            runs[r] = MixtureEm.StartFrom(data, start, settings);
            runs[r].Run(shortIterations, parallel.CancellationToken);
        });

        var best = runs[0];
        foreach (var run in runs)
        {
            if (run.LogLikelihood > best.LogLikelihood)
            {
                best = run;
            }
        }

        best.Run(settings.MaxIterations, parallel.CancellationToken);
        return best.Finish();
    }

    /// <summary>The candidate with the fewest parameters whose score is within 2·n·tolerance of the best (ties: lower score).</summary>
    internal static int Choose(ImmutableArray<SelectionPoint> points, double tolerance, int rows)
    {
        var best = points.Min(p => p.Score);
        var limit = best + (2.0 * rows * tolerance);
        var chosen = -1;
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i].Score > limit)
            {
                continue;
            }

            if (chosen < 0 || points[i].Parameters < points[chosen].Parameters ||
                (points[i].Parameters == points[chosen].Parameters && points[i].Score < points[chosen].Score))
            {
                chosen = i;
            }
        }

        return chosen;
    }
}
