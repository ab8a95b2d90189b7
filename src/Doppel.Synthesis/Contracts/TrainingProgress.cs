namespace Doppel.Synthesis;

/// <summary>One progress report from a fit.</summary>
/// <param name="Stage">What is being done, for example "epoch" or "bic sweep".</param>
/// <param name="Step">Steps done (1-based).</param>
/// <param name="TotalSteps">Steps planned.</param>
/// <param name="Losses">Named losses of the latest step (empty for classical models).</param>
public sealed record TrainingProgress(string Stage, long Step, long TotalSteps, IReadOnlyDictionary<string, double> Losses);
