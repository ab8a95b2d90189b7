using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Utility;

namespace Doppel;

/// <summary>
/// Compares synthetic rows with the real rows they imitate: fidelity (column shapes and pair trends), machine-learning
/// efficacy (train on synthetic, test on real) when a target is named, detection and privacy (distance to the
/// closest record). A thin wrapper over <see cref="QualityEvaluator"/>; docs/EVALUATION.md defines every figure.
/// </summary>
public static class Evaluate
{
    /// <summary>Evaluates <paramref name="synthetic"/> against <paramref name="real"/> with the default settings.</summary>
    /// <param name="real">The rows the model was fitted on (or a holdout of them).</param>
    /// <param name="synthetic">The generated rows; same columns and kinds as <paramref name="real"/>.</param>
    /// <param name="target">The column to predict for machine-learning efficacy; null skips that part.</param>
    /// <param name="seed">The seed of the evaluation's own splits and subsamples.</param>
    /// <param name="cancellationToken">Stops between metrics.</param>
    /// <exception cref="SchemaException">The tables have different columns or kinds, or the target is not a column.</exception>
    /// <exception cref="DoppelException">A table is empty.</exception>
    public static QualityReport Compare(Table real, Table synthetic, string? target = null, ulong seed = 0, CancellationToken cancellationToken = default) =>
        Compare(real, synthetic, new EvaluationOptions { Target = target, Seed = seed }, cancellationToken);

    /// <summary>Evaluates with full settings: holdout, which parts to run, boosting iterations, detection folds.</summary>
    /// <exception cref="InvalidOptionsException">An option is out of range.</exception>
    public static QualityReport Compare(Table real, Table synthetic, EvaluationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(options);
        return QualityEvaluator.Evaluate(real, synthetic, options, cancellationToken);
    }

    /// <summary>
    /// Splits <paramref name="table"/> into training rows and held-out test rows (as <c>doppel split</c>): fit on the
    /// first, then pass the second as <see cref="EvaluationOptions.Holdout"/> so efficacy is measured on unseen rows and
    /// privacy compares the synthetic rows' distance to the training rows with the holdout's.
    /// </summary>
    /// <param name="table">The rows to split.</param>
    /// <param name="testFraction">The share of rows held out, in (0, 1).</param>
    /// <param name="stratify">A discrete column whose class shares both parts keep; null for a plain random split.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    public static (Table Train, Table Test) Split(Table table, double testFraction = 0.2, string? stratify = null, ulong seed = 0) =>
        TableSplit.Split(table, testFraction, stratify, seed);

    /// <summary>As <see cref="Compare(Table, Table, EvaluationOptions, CancellationToken)"/>, on the thread pool.</summary>
    public static Task<QualityReport> CompareAsync(Table real, Table synthetic, EvaluationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Compare(real, synthetic, options ?? new EvaluationOptions(), cancellationToken), cancellationToken);
}
