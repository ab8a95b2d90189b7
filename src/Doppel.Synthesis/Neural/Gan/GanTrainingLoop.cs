using System.Globalization;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>Runs a GAN's training steps epoch by epoch, with progress, cancellation and the loss curve.</summary>
internal static class GanTrainingLoop
{
    /// <summary>One training step: index (0-based, over the whole run) and the losses it writes.</summary>
    public delegate void StepFunction(long index, Span<double> losses);

    /// <summary>Runs every step; returns the mean of each loss per epoch, [epoch · names + loss].</summary>
    /// <exception cref="OperationCanceledException">Cancelled; checked at the end of every step.</exception>
    /// <exception cref="DoppelException">A loss became NaN or infinite.</exception>
    public static double[] Run(string name, int epochs, int stepsPerEpoch, string[] lossNames, StepFunction step,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var curve = new double[epochs * lossNames.Length];
        var losses = new double[lossNames.Length];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var sums = curve.AsSpan(epoch * lossNames.Length, lossNames.Length);
            for (var s = 0; s < stepsPerEpoch; s++)
            {
                step(((long)epoch * stepsPerEpoch) + s, losses);
                for (var k = 0; k < losses.Length; k++)
                {
                    if (!double.IsFinite(losses[k]))
                    {
                        throw new DoppelException(string.Create(CultureInfo.InvariantCulture,
                            $"{name}: the {lossNames[k]} loss became {losses[k]} in epoch {epoch + 1}; lower the learning rate."));
                    }

                    sums[k] += losses[k] / stepsPerEpoch;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            var offset = epoch * lossNames.Length;
            progress?.Report(new TrainingProgress("epoch", epoch + 1, epochs,
                lossNames.Select((n, k) => (n, curve[offset + k])).ToDictionary(p => p.n, p => p.Item2)));
        }

        return curve;
    }
}
