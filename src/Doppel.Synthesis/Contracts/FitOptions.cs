namespace Doppel.Synthesis;

/// <summary>Run settings for a fit (not hyperparameters, which live in each synthesizer's options record).</summary>
public sealed record FitOptions
{
    /// <summary>The root seed; the same seed and data give the same model bytes.</summary>
    public ulong Seed { get; init; }

    /// <summary>The most threads a fit may use; results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
