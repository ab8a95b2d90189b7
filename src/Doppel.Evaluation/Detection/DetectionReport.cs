namespace Doppel.Evaluation.Detection;

/// <summary>
/// How easily a classifier tells synthetic rows from real ones: the cross-validated ROC AUC of LightGBM trained
/// to separate them. 0.5 means indistinguishable, 1.0 means every row is recognised.
/// </summary>
public sealed record DetectionReport
{
    /// <summary>Mean ROC AUC over the folds; null when not computed (see <see cref="Reason"/>).</summary>
    public double? Auc { get; init; }

    /// <summary>Cross-validation folds.</summary>
    public int Folds { get; init; }

    /// <summary>Real rows used (a seeded random subset when the table is large).</summary>
    public int RealRows { get; init; }

    /// <summary>Synthetic rows used.</summary>
    public int SyntheticRows { get; init; }

    /// <summary>Why nothing was computed, or null.</summary>
    public string? Reason { get; init; }
}
