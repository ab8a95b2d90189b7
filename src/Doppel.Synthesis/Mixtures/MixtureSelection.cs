using System.Collections.Concurrent;
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
        var tasks = new List<(int Type, int K, int Restart, int Index)>();
        var types = options.CovarianceTypes;
        for (var t = 0; t < types.Length; t++)
        {
            for (var k = minK; k <= maxK; k++)
            {
                tasks.Add((t, k, 0, tasks.Count));
            }
        }

        var results = new EmResult[tasks.Count];
        var done = 0;
        var settings = options.Settings;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism), CancellationToken = cancellationToken };

        // Largest candidates first so the last ones to finish are short; each candidate's stream depends only on its key.
        var ordered = tasks.OrderByDescending(t => t.K).ThenBy(t => t.Index).ToList();
        Parallel.ForEach(Partitioner.Create(ordered, EnumerablePartitionerOptions.NoBuffering), parallel, task =>
        {
            var stream = rng.Fork($"gmm/{types[task.Type]}", task.K);
            results[task.Index] = MixtureEm.Fit(data, task.K, types[task.Type], settings, options.Restarts, stream, cancellationToken);
            var step = Interlocked.Increment(ref done);
            progress?.Report(new TrainingProgress("model selection", step, tasks.Count, new Dictionary<string, double>()));
        });

        var curve = ImmutableArray.CreateBuilder<SelectionPoint>();
        var kept = new List<MixtureParameters>();
        foreach (var task in tasks)
        {
            var best = results[task.Index];
            var p = best.Parameters.FreeParameters();
            var penalty = options.Criterion == SelectionCriterion.Bic ? p * Math.Log(Math.Max(2, data.Rows)) : 2.0 * p;
            curve.Add(new SelectionPoint(task.K, types[task.Type], best.LogLikelihood, p, (-2 * best.LogLikelihood) + penalty, best.Iterations, best.Converged));
            kept.Add(best.Parameters);
        }

        var points = curve.ToImmutable();
        var chosen = Choose(points, options.SelectionTolerance, data.Rows);
        return new SelectionResult(points, chosen, kept[chosen]);
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
