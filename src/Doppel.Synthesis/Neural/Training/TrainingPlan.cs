namespace Doppel.Synthesis.Neural.Training;

/// <summary>How <see cref="TrainingLoop"/> walks the data.</summary>
/// <param name="Rows">Training rows.</param>
/// <param name="BatchSize">Rows per step.</param>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="DropLast">
/// Whether a last, smaller batch is skipped (then an epoch has ⌊rows / batch⌋ steps, at least one); otherwise an epoch
/// has ⌈rows / batch⌉ steps, the last one smaller, as PyTorch's <c>DataLoader(drop_last=False)</c>.
/// </param>
internal sealed record TrainingPlan(int Rows, int BatchSize, int Epochs, bool DropLast)
{
    /// <summary>Steps per epoch.</summary>
    public int StepsPerEpoch => Rows == 0 ? 0
        : DropLast ? Math.Max(1, Rows / BatchSize)
        : (Rows + BatchSize - 1) / BatchSize;

    /// <summary>Steps in the whole fit.</summary>
    public long TotalSteps => (long)StepsPerEpoch * Epochs;
}
