namespace Doppel.Evaluation.Utility;

/// <summary>
/// How well a model predicts the target on the real holdout. Classification fills accuracy, macro-F1 and
/// ROC AUC; regression fills R² and MAE; the others are null (and so is any metric explained in <see cref="Reasons"/>).
/// </summary>
public sealed record ModelScores
{
    /// <summary>Rows the model was trained on.</summary>
    public required int TrainRows { get; init; }

    /// <summary>Share of holdout rows whose class is predicted correctly.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Unweighted mean over classes of the F1 score (classes present in the truth or the predictions).</summary>
    public double? MacroF1 { get; init; }

    /// <summary>Area under the ROC curve; for several classes the unweighted mean of one-against-rest AUCs.</summary>
    public double? RocAuc { get; init; }

    /// <summary>Coefficient of determination on the holdout.</summary>
    public double? R2 { get; init; }

    /// <summary>Mean absolute error on the holdout, in the target's unit.</summary>
    public double? Mae { get; init; }

    /// <summary>Why a metric is null, keyed by its JSON name.</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }
}
