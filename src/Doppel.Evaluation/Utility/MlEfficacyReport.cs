using System.Collections.Immutable;

namespace Doppel.Evaluation.Utility;

/// <summary>
/// Machine-learning efficacy: a LightGBM model trained on the synthetic rows and, as the ceiling, one trained on
/// the real training rows, both tested on the real holdout. When it cannot be run, the scores are null and
/// <see cref="Reason"/> says why.
/// </summary>
public sealed record MlEfficacyReport
{
    /// <summary>The target column, when one was given.</summary>
    public string? Target { get; init; }

    /// <summary>"binary", "multiclass" or "regression"; null when not run.</summary>
    public string? Task { get; init; }

    /// <summary>The classes in label order (classification only).</summary>
    public ImmutableArray<string> Classes { get; init; } = [];

    /// <summary>Holdout rows scored (rows with a target value).</summary>
    public int TestRows { get; init; }

    /// <summary>The model trained on real rows.</summary>
    public ModelScores? Real { get; init; }

    /// <summary>The model trained on synthetic rows.</summary>
    public ModelScores? Synthetic { get; init; }

    /// <summary>Why nothing was computed, or null.</summary>
    public string? Reason { get; init; }
}
