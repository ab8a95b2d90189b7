namespace Doppel.Synthesis.Neural.Training;

/// <summary>A neural fit was cancelled at the end of a step; <see cref="CheckpointPath"/> names the checkpoint saved then, if any.</summary>
public sealed class TrainingCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    internal TrainingCancelledException(string? checkpointPath, int epoch, CancellationToken cancellationToken)
        : base(checkpointPath is null
            ? $"training cancelled in epoch {epoch}; no checkpoint was asked for"
            : $"training cancelled in epoch {epoch}; the training state is saved in {checkpointPath}", cancellationToken)
    {
        CheckpointPath = checkpointPath;
        Epoch = epoch;
    }

    /// <summary>The checkpoint written at cancellation, or null.</summary>
    public string? CheckpointPath { get; }

    /// <summary>The epoch (1-based) the fit was in.</summary>
    public int Epoch { get; }
}
