namespace Doppel.Synthesis;

/// <summary>One progress report from a fit.</summary>
/// <param name="Stage">What is being done, for example "epoch" or "bic sweep".</param>
/// <param name="Step">Steps done (1-based).</param>
/// <param name="TotalSteps">Steps planned.</param>
/// <param name="Losses">Named losses of the latest step (empty for classical models); for neural models the mean over the current epoch so far.</param>
public sealed record TrainingProgress(string Stage, long Step, long TotalSteps, IReadOnlyDictionary<string, double> Losses)
{
    /// <summary>The current epoch (1-based), or 0 when the stage is not trained in epochs.</summary>
    public int Epoch { get; init; }

    /// <summary>Epochs planned, or 0 when the stage is not trained in epochs.</summary>
    public int TotalEpochs { get; init; }

    /// <summary>Time spent in this stage by this run (a resumed run counts from its resumption).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Estimated time left in this stage, or null when unknown.</summary>
    public TimeSpan? Remaining { get; init; }
}
