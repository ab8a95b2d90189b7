using System.Collections.Immutable;
using System.Diagnostics;
using Doppel.Data;
using Doppel.Evaluation.Detection;
using Doppel.Evaluation.Fidelity;
using Doppel.Evaluation.Privacy;
using Doppel.Evaluation.Utility;

namespace Doppel.Evaluation;

/// <summary>Compares synthetic data with the real data they imitate.</summary>
internal static class QualityEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="synthetic"/> against <paramref name="real"/> (the rows the synthesizer was fitted on).
    /// Same inputs and options give the same report.
    /// </summary>
    /// <exception cref="SchemaException">The tables have different columns, a column's kinds differ, or the target is not a column.</exception>
    /// <exception cref="DoppelException">The real or synthetic table is empty.</exception>
    /// <exception cref="InvalidOptionsException">An option is out of range.</exception>
    public static QualityReport Evaluate(Table real, Table synthetic, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EvaluationOptions();
        options.Validate();
        var timings = ImmutableArray.CreateBuilder<(string, double)>();
        var clock = Stopwatch.StartNew();
        void Lap(string part)
        {
            timings.Add((part, clock.Elapsed.TotalSeconds));
            clock.Restart();
        }

        var tables = AlignedTables.Create(real, synthetic, options.Holdout);
        if (options.Target is { } target && tables.Columns.All(c => c.Name != target))
        {
            throw new SchemaException(target, $"the target is not a column of the data; the columns are: {string.Join(", ", tables.Columns.Select(c => c.Name))}.");
        }

        Lap("prepare");
        var columns = tables.Columns.Select(ColumnMetrics.Compute).ToImmutableArray();
        Lap("columns");
        cancellationToken.ThrowIfCancellationRequested();
        var (pairs, associations) = PairMetrics.Compute(tables.Columns);
        Lap("pairs");
        var seed = (int)(options.Seed % int.MaxValue);
        MlEfficacyReport? ml = null;
        if (options.MlEfficacy)
        {
            ml = MlEfficacy.Run(tables, options.Target, seed, options.BoostingIterations, cancellationToken);
            Lap("ml_efficacy");
        }

        DetectionReport? detection = null;
        if (options.Detection)
        {
            detection = Detector.Run(tables, options.Seed, options.DetectionFolds, options.DetectionMaxRows, options.BoostingIterations, cancellationToken);
            Lap("detection");
        }

        PrivacyReport? privacy = null;
        if (options.Privacy)
        {
            privacy = PrivacyMetrics.Run(tables, cancellationToken);
            Lap("privacy");
        }

        return new QualityReport
        {
            Rows = new RowCounts(tables.RowCounts[0], tables.RowCounts[1], tables.HasHoldout ? tables.RowCounts[2] : null),
            Quality = Scores(columns, pairs),
            Columns = columns,
            Pairs = pairs,
            Associations = associations,
            MlEfficacy = ml,
            Detection = detection,
            Privacy = privacy,
            Timings = timings.ToImmutable(),
        };
    }

    private static QualityScores Scores(ImmutableArray<ColumnReport> columns, ImmutableArray<PairReport> pairs)
    {
        var shapes = columns.Where(c => c.ShapeScore is not null).Select(c => c.ShapeScore!.Value).ToArray();
        double? columnShapes = shapes.Length == 0 ? null : shapes.Average();
        var trends = PairMetrics.TrendScore(pairs);
        double? score = (columnShapes, trends) switch
        {
            (double a, double b) => (a + b) / 2,
            (double a, null) => a,
            (null, double b) => b,
            _ => null,
        };
        return new QualityScores(columnShapes, trends, score);
    }
}
