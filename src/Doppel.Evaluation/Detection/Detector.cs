using Doppel.Data;
using Doppel.Evaluation.Utility;

namespace Doppel.Evaluation.Detection;

/// <summary>Trains LightGBM to tell real rows (label 0) from synthetic ones (label 1) with stratified k-fold cross-validation.</summary>
internal static class Detector
{
    public static DetectionReport Run(AlignedTables tables, ulong seed, int folds, int maxRowsPerSide, int iterations, CancellationToken ct)
    {
        var encoder = new FeatureEncoder(tables.Columns, standardise: false);
        if (encoder.Width == 0)
        {
            return new DetectionReport { Folds = folds, Reason = "no column can be compared" };
        }

        var rng = new Rng(seed).Fork("evaluation/detection");
        var real = Subset(tables.RowCounts[AlignedColumn.Real], maxRowsPerSide, rng.Fork("real"));
        var syn = Subset(tables.RowCounts[AlignedColumn.Synthetic], maxRowsPerSide, rng.Fork("synthetic"));
        if (real.Length < folds || syn.Length < folds)
        {
            return new DetectionReport { Folds = folds, RealRows = real.Length, SyntheticRows = syn.Length, Reason = $"fewer than {folds} rows on one side" };
        }

        // Every fold trains on the rows outside it; LightGBM needs enough of them to split at all.
        var fewestTrainingRows = Enumerable.Range(0, folds).Min(f => real.Length + syn.Length - FoldSize(real.Length, folds, f) - FoldSize(syn.Length, folds, f));
        if (fewestTrainingRows < GradientBoosting.MinimumTrainingRows)
        {
            var perSide = (int)Math.Ceiling(GradientBoosting.MinimumTrainingRows / 2.0 * folds / (folds - 1));
            return new DetectionReport
            {
                Folds = folds,
                RealRows = real.Length,
                SyntheticRows = syn.Length,
                Reason = $"too few rows to train a detector: {folds}-fold cross-validation needs at least {perSide} real and {perSide} synthetic rows (got {real.Length} and {syn.Length})",
            };
        }

        var width = encoder.Width;
        var features = encoder.Encode(AlignedColumn.Real, real).Concat(encoder.Encode(AlignedColumn.Synthetic, syn)).ToArray();
        var labels = new double[real.Length + syn.Length];
        labels.AsSpan(real.Length).Fill(1);

        // Stratified folds: rows were shuffled by Subset, so position modulo the fold count splits each side evenly.
        var fold = new int[labels.Length];
        for (var i = 0; i < real.Length; i++)
        {
            fold[i] = i % folds;
        }

        for (var i = 0; i < syn.Length; i++)
        {
            fold[real.Length + i] = i % folds;
        }

        var aucs = new double[folds];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, f =>
        {
            var trainRows = Enumerable.Range(0, labels.Length).Where(i => fold[i] != f).ToArray();
            var testRows = Enumerable.Range(0, labels.Length).Where(i => fold[i] == f).ToArray();
            var boosting = new GradientBoosting((int)(seed % int.MaxValue) + f, iterations);
            var scores = boosting.FitPredict(
                BoostingTask.Binary, Gather(features, trainRows, width), [.. trainRows.Select(i => labels[i])],
                Gather(features, testRows, width), width, 2);
            aucs[f] = PredictionMetrics.RocAuc([.. testRows.Select(i => labels[i] > 0.5)], scores);
        });

        return new DetectionReport { Auc = aucs.Average(), Folds = folds, RealRows = real.Length, SyntheticRows = syn.Length };
    }

    /// <summary>Rows of <paramref name="rows"/> that fall in fold <paramref name="f"/> when row i goes to fold i mod <paramref name="folds"/>.</summary>
    private static int FoldSize(int rows, int folds, int f) => (rows / folds) + (f < rows % folds ? 1 : 0);

    /// <summary>All rows in a seeded random order, or a seeded random subset of <paramref name="max"/> of them.</summary>
    private static int[] Subset(int rows, int max, Rng rng)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        rng.Shuffle(order);
        return rows <= max ? order : order[..max];
    }

    private static float[] Gather(float[] features, int[] rows, int width)
    {
        var result = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            features.AsSpan(rows[i] * width, width).CopyTo(result.AsSpan(i * width));
        }

        return result;
    }
}
