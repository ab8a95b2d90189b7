namespace Doppel.Synthesis;

/// <summary>Run settings for a fit (not hyperparameters, which live in each synthesizer's options record).</summary>
public sealed record FitOptions
{
    /// <summary>The root seed; the same seed and data give the same model bytes.</summary>
    public ulong Seed { get; init; }

    /// <summary>The most threads a fit may use; results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Neural synthesizers: where to save a checkpoint (a model file that also holds the training state) at the end
    /// of every epoch and when the fit is cancelled. Written atomically. Null (default) saves none.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// Neural synthesizers: a checkpoint to continue from. Training resumes where the checkpoint stopped, with the
    /// hyperparameters and seed stored in it, and ends with the same model as an uninterrupted run. Null (default)
    /// starts afresh.
    /// </summary>
    public string? ResumeFrom { get; init; }
}
