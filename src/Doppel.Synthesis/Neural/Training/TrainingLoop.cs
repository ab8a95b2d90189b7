using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis.Neural.Training;

/// <summary>
/// Drives a neural fit through epochs and batches: shuffles the rows, calls the model's step, averages its losses per
/// epoch, reports progress, stops on a non-finite loss, saves checkpoints and honours cancellation at the end of a
/// step. Randomness comes only from counters: epoch <c>e</c> shuffles with <c>rng.Fork("shuffle", e)</c> and global
/// step <c>s</c> draws from <c>rng.Fork("step", s)</c>, so a run resumed from any step continues exactly as the
/// uninterrupted run would have.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>The progress stage name (reports count steps; <see cref="TrainingProgress.Epoch"/> carries the epoch).</summary>
    public const string Stage = "training step";

    /// <summary>Trains <paramref name="model"/> from <paramref name="start"/> until <paramref name="plan"/>'s last epoch.</summary>
    /// <param name="model">The model-specific step.</param>
    /// <param name="plan">Rows, batch size, epochs.</param>
    /// <param name="rng">The fit's training stream (the counters fork it).</param>
    /// <param name="start">Where to start: <see cref="TrainingHistory.Start"/>, or the history of a checkpoint.</param>
    /// <param name="progress">Receives a report after every step.</param>
    /// <param name="checkpoint">Saves a checkpoint at the end of every epoch and on cancellation; null saves none.</param>
    /// <param name="cancellationToken">Ends training at the end of the current step.</param>
    /// <param name="time">The clock for elapsed and remaining time (default the system clock).</param>
    /// <returns>The history at the end of the last epoch.</returns>
    /// <exception cref="TrainingCancelledException">Cancelled (after saving the checkpoint, if any).</exception>
    /// <exception cref="DoppelException">A loss became NaN or infinite; the message names the epoch.</exception>
    public static TrainingHistory Run(ITrainingStep model, TrainingPlan plan, Rng rng, TrainingHistory start,
        IProgress<TrainingProgress>? progress, CheckpointTarget? checkpoint, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(start);
        var names = model.LossNames;
        if (!start.LossNames.SequenceEqual(names) || start.Rows != plan.Rows || start.StepsInEpoch >= Math.Max(1, plan.StepsPerEpoch))
        {
            throw new DoppelException($"the checkpoint was made on {start.Rows} rows with losses {string.Join(", ", start.LossNames)}; " +
                $"this fit has {plan.Rows} rows and losses {string.Join(", ", names)}. Resume with the same data and synthesizer.");
        }

        time ??= TimeProvider.System;
        var began = time.GetTimestamp();
        var stepsPerEpoch = plan.StepsPerEpoch;
        var batchSize = Math.Min(plan.BatchSize, plan.Rows);
        var means = start.EpochMeans.ToBuilder();
        var sums = start.PartialSums.ToArray();
        var losses = new double[names.Length];
        var order = new int[plan.Rows];
        long stepsThisRun = 0;
        for (var epoch = start.CompletedEpochs; epoch < plan.Epochs; epoch++)
        {
            Shuffle(order, rng.Fork("shuffle", epoch));
            var first = epoch == start.CompletedEpochs ? start.StepsInEpoch : 0;
            for (var step = first; step < stepsPerEpoch; step++)
            {
                var offset = step * batchSize;
                var global = ((long)epoch * stepsPerEpoch) + step;
                Array.Clear(losses);
                model.Step(order.AsSpan(offset, Math.Min(batchSize, plan.Rows - offset)), rng.Fork("step", global), losses);
                for (var k = 0; k < names.Length; k++)
                {
                    if (!double.IsFinite(losses[k]))
                    {
                        throw new DoppelException($"training diverged in epoch {epoch + 1}, step {step + 1}: the {names[k]} loss is {losses[k]}. " +
                            "Try a lower learning rate or a larger batch.");
                    }

                    sums[k] += losses[k];
                }

                stepsThisRun++;
                if (progress is not null)
                {
                    var elapsed = time.GetElapsedTime(began);
                    var left = plan.TotalSteps - global - 1;
                    progress.Report(new TrainingProgress(Stage, global + 1, plan.TotalSteps,
                        names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => sums[p.k] / (step + 1), StringComparer.Ordinal))
                    {
                        Epoch = epoch + 1,
                        TotalEpochs = plan.Epochs,
                        Elapsed = elapsed,
                        Remaining = elapsed * ((double)left / stepsThisRun),
                    });
                }

                if (cancellationToken.IsCancellationRequested && step + 1 < stepsPerEpoch)
                {
                    checkpoint?.Save(new TrainingHistory(names, plan.Rows, epoch, step + 1, [.. sums], means.ToImmutable()));
                    throw new TrainingCancelledException(checkpoint?.Path, epoch + 1, cancellationToken);
                }
            }

            means.Add([.. sums.Select(s => s / Math.Max(1, stepsPerEpoch))]);
            Array.Clear(sums);
            if (checkpoint is not null && (epoch + 1 < plan.Epochs || cancellationToken.IsCancellationRequested))
            {
                checkpoint.Save(new TrainingHistory(names, plan.Rows, epoch + 1, 0, [.. sums], means.ToImmutable()));
            }

            if (cancellationToken.IsCancellationRequested && epoch + 1 < plan.Epochs)
            {
                throw new TrainingCancelledException(checkpoint?.Path, epoch + 1, cancellationToken);
            }
        }

        return new TrainingHistory(names, plan.Rows, plan.Epochs, 0, [.. sums], means.ToImmutable());
    }

    /// <summary>A uniform permutation of 0..n-1 (Fisher-Yates), independent of the previous contents.</summary>
    private static void Shuffle(int[] order, Rng rng)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}

/// <summary>Where and how a fit saves its checkpoints.</summary>
/// <param name="Path">The checkpoint file (named in the cancellation message).</param>
/// <param name="Save">Writes the model with the given history and the optimisers' state to <paramref name="Path"/>, atomically.</param>
internal sealed record CheckpointTarget(string Path, Action<TrainingHistory> Save);
