using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Evaluation.Utility;

/// <summary>Runs the train-on-synthetic, test-on-real comparison (and its real-data ceiling).</summary>
internal static class MlEfficacy
{
    private const int R = AlignedColumn.Real;
    private const int S = AlignedColumn.Synthetic;
    private const int H = AlignedColumn.Holdout;

    public static MlEfficacyReport Run(AlignedTables tables, string? target, int seed, int iterations, CancellationToken ct)
    {
        if (target is null)
        {
            return new MlEfficacyReport { Reason = "no target column was given" };
        }

        var targetColumn = tables.Columns.FirstOrDefault(c => c.Name == target)
            ?? throw new SchemaException(target, $"the target is not a column of the data; the columns are: {string.Join(", ", tables.Columns.Select(c => c.Name))}.");
        if (targetColumn.Feature == FeatureKind.Skipped)
        {
            throw new SchemaException(target, "an identifier column cannot be a prediction target; choose a categorical or numeric column.");
        }

        if (!tables.HasHoldout)
        {
            return new MlEfficacyReport { Target = target, Reason = "no holdout rows: pass a holdout table or split the real data" };
        }

        var isClassification = targetColumn.Feature == FeatureKind.Discrete;
        var classes = targetColumn.Categories;
        var realTrain = Labelled(targetColumn, R);
        var realDistinct = realTrain.Labels.Distinct().Count();
        if (realDistinct < 2)
        {
            return new MlEfficacyReport { Target = target, Reason = "the target takes a single value in the real training rows, so there is nothing to predict" };
        }

        var task = !isClassification ? BoostingTask.Regression : classes.Length == 2 ? BoostingTask.Binary : BoostingTask.Multiclass;
        var test = Labelled(targetColumn, H);
        var baseReport = new MlEfficacyReport
        {
            Target = target,
            Task = task.ToString().ToLowerInvariant(),
            Classes = isClassification ? classes : [],
            TestRows = test.Rows.Length,
        };
        if (test.Rows.Length == 0)
        {
            return baseReport with { Reason = "no holdout row has a target value" };
        }

        var encoder = new FeatureEncoder(tables.Columns.Where(c => c.Name != target), standardise: false);
        var testFeatures = encoder.Encode(H, test.Rows);
        var boosting = new GradientBoosting(seed, iterations);
        ModelScores Score(int table, (int[] Rows, double[] Labels) train)
        {
            ct.ThrowIfCancellationRequested();
            var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (train.Rows.Length == 0 || train.Labels.Distinct().Count() < 2)
            {
                var why = table == R ? "the real training rows" : "the synthetic rows";
                reasons["model"] = $"the target takes fewer than two values in {why}, so no model can be trained";
                return new ModelScores { TrainRows = train.Rows.Length, Reasons = reasons };
            }

            if (train.Rows.Length < GradientBoosting.MinimumTrainingRows)
            {
                var which = table == R ? "real training" : "synthetic";
                reasons["model"] = $"too few {which} rows with a target value to train a model: {train.Rows.Length}, at least {GradientBoosting.MinimumTrainingRows} are needed";
                return new ModelScores { TrainRows = train.Rows.Length, Reasons = reasons };
            }

            var scores = boosting.FitPredict(task, encoder.Encode(table, train.Rows), train.Labels, testFeatures, encoder.Width, classes.Length);
            return Evaluate(task, test.Labels, scores, classes.Length, train.Rows.Length, reasons);
        }

        // The two models are independent: train them side by side, one LightGBM thread each.
        var real = Task.Run(() => Score(R, realTrain), ct);
        var synthetic = Task.Run(() => Score(S, Labelled(targetColumn, S)), ct);
        Task.WaitAll([real, synthetic], ct);
        return baseReport with { Real = real.Result, Synthetic = synthetic.Result };
    }

    private static (int[] Rows, double[] Labels) Labelled(AlignedColumn target, int table)
    {
        var n = target.Numbers?[table].Length ?? target.Codes![table].Length;
        var rows = new List<int>(n);
        var labels = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            if (!target.IsMissing(table, i))
            {
                rows.Add(i);
                labels.Add(target.Numbers?[table][i] ?? target.Codes![table][i]);
            }
        }

        return ([.. rows], [.. labels]);
    }

    private static ModelScores Evaluate(BoostingTask task, double[] truth, float[] scores, int classes, int trainRows, SortedDictionary<string, string> reasons)
    {
        if (task == BoostingTask.Regression)
        {
            var predicted = scores.Select(s => (double)s).ToArray();
            var r2 = Fidelity.ColumnMetrics.Finite(PredictionMetrics.R2(truth, predicted));
            if (r2 is null)
            {
                reasons["r2"] = "the holdout target is constant";
            }

            return new ModelScores { TrainRows = trainRows, R2 = r2, Mae = PredictionMetrics.Mae(truth, predicted), Reasons = reasons };
        }

        var labels = truth.Select(t => (int)t).ToArray();
        int[] predictedClass;
        double auc;
        if (task == BoostingTask.Binary)
        {
            predictedClass = [.. scores.Select(p => p >= 0.5f ? 1 : 0)];
            auc = PredictionMetrics.RocAuc([.. labels.Select(l => l == 1)], scores);
        }
        else
        {
            predictedClass = new int[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                var row = scores.AsSpan(i * classes, classes);
                predictedClass[i] = row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(row));
            }

            auc = PredictionMetrics.RocAucOneVsRest(labels, scores, classes);
        }

        if (double.IsNaN(auc))
        {
            reasons["roc_auc"] = "the holdout holds a single class";
        }

        return new ModelScores
        {
            TrainRows = trainRows,
            Accuracy = PredictionMetrics.Accuracy(labels, predictedClass),
            MacroF1 = Fidelity.ColumnMetrics.Finite(PredictionMetrics.MacroF1(labels, predictedClass, classes)),
            RocAuc = Fidelity.ColumnMetrics.Finite(auc),
            Reasons = reasons,
        };
    }
}
