namespace Doppel.Evaluation.Fidelity;

/// <summary>Computes a <see cref="ColumnReport"/> for one aligned column.</summary>
internal static class ColumnMetrics
{
    private const int R = AlignedColumn.Real;
    private const int S = AlignedColumn.Synthetic;

    public static ColumnReport Compute(AlignedColumn column)
    {
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var rowsReal = column.Numbers?[R].Length ?? column.Codes?[R].Length ?? 0;
        var rowsSyn = column.Numbers?[S].Length ?? column.Codes?[S].Length ?? 0;
        var missingReal = rowsReal == 0 ? 0 : column.CountMissing(R) / (double)rowsReal;
        var missingSyn = rowsSyn == 0 ? 0 : column.CountMissing(S) / (double)rowsSyn;
        var report = new ColumnReport
        {
            Name = column.Name,
            Kind = column.Kind,
            ShapeMetric = column.Feature switch { FeatureKind.Numeric => "ks", FeatureKind.Discrete => "tvd", _ => "none" },
            MissingRateReal = missingReal,
            MissingRateSynthetic = missingSyn,
            MissingRateDifference = missingSyn - missingReal,
            Real = Empty(column, R),
            Synthetic = Empty(column, S),
            Reasons = reasons,
        };

        return column.Feature switch
        {
            FeatureKind.Numeric => Numeric(column, report, reasons),
            FeatureKind.Discrete => Discrete(column, report, reasons),
            _ => Skipped(report, reasons),
        };
    }

    private static ColumnReport Skipped(ColumnReport report, SortedDictionary<string, string> reasons)
    {
        reasons["shape_score"] = "identifier columns are regenerated, not learned, so they are not compared";
        return report;
    }

    private static ColumnReport Numeric(AlignedColumn column, ColumnReport report, SortedDictionary<string, string> reasons)
    {
        var real = column.SortedPresent(R);
        var syn = column.SortedPresent(S);
        report = report with { Real = Summarize(real, column.CountMissing(R)), Synthetic = Summarize(syn, column.CountMissing(S)) };
        if (real.Length == 0)
        {
            const string why = "the real column has no values";
            reasons["shape_score"] = reasons["ks"] = reasons["anderson_darling"] = reasons["wasserstein_scaled"] = why;
            return report;
        }

        if (syn.Length == 0)
        {
            // Nothing synthetic resembles the real values: the worst shape score, not a missing one.
            const string why = "the synthetic column has no values";
            reasons["ks"] = reasons["anderson_darling"] = reasons["wasserstein_scaled"] = why;
            return report with { ShapeScore = 0 };
        }

        var ks = Statistics.KolmogorovSmirnov(real, syn);
        var (ad, adp) = AndersonDarling.TwoSample(real, syn);
        if (double.IsNaN(ad))
        {
            reasons["anderson_darling"] = "undefined when every value in both columns is the same (or fewer than 4 values)";
        }

        var spread = Statistics.StandardDeviation(real);
        double? wasserstein = null;
        if (spread > 0)
        {
            wasserstein = Statistics.Wasserstein(real, syn) / spread;
        }
        else
        {
            reasons["wasserstein_scaled"] = "the real column has no spread to scale by";
        }

        return report with
        {
            ShapeScore = 1 - ks,
            Ks = ks,
            AndersonDarlingStatistic = Finite(ad),
            AndersonDarlingPValue = Finite(adp),
            WassersteinScaled = wasserstein,
        };
    }

    private static ColumnReport Discrete(AlignedColumn column, ColumnReport report, SortedDictionary<string, string> reasons)
    {
        var real = column.Counts(R);
        var syn = column.Counts(S);
        report = report with
        {
            Real = Summarize(real, column, column.CountMissing(R)),
            Synthetic = Summarize(syn, column, column.CountMissing(S)),
        };
        if (real.Sum() == 0)
        {
            const string why = "the real column has no values";
            reasons["shape_score"] = reasons["tvd"] = reasons["chi_square"] = why;
            return report;
        }

        if (syn.Sum() == 0)
        {
            const string why = "the synthetic column has no values";
            reasons["tvd"] = reasons["chi_square"] = why;
            return report with { ShapeScore = 0 };
        }

        var tvd = Statistics.TotalVariation(real, syn);
        var (chi2, dof, p) = ChiSquare.Homogeneity(real, syn);
        if (double.IsNaN(chi2))
        {
            reasons["chi_square"] = "undefined when only one category occurs";
        }

        return report with
        {
            ShapeScore = 1 - tvd,
            Tvd = tvd,
            ChiSquareStatistic = Finite(chi2),
            ChiSquareDegreesOfFreedom = double.IsNaN(chi2) ? null : dof,
            ChiSquarePValue = Finite(p),
        };
    }

    private static SummaryStatistics Empty(AlignedColumn column, int table) =>
        new(0, column.Feature == FeatureKind.Skipped ? 0 : column.CountMissing(table), null, null, null, null, null, null, null, 0, null, null);

    private static SummaryStatistics Summarize(double[] sorted, int missing)
    {
        if (sorted.Length == 0)
        {
            return new(0, missing, null, null, null, null, null, null, null, 0, null, null);
        }

        return new(
            sorted.Length, missing, Statistics.Mean(sorted), Finite(Statistics.StandardDeviation(sorted)), sorted[0],
            Statistics.Quantile(sorted, 0.25), Statistics.Quantile(sorted, 0.5), Statistics.Quantile(sorted, 0.75), sorted[^1],
            Statistics.DistinctSorted(sorted), null, null);
    }

    private static SummaryStatistics Summarize(long[] counts, AlignedColumn column, int missing)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return new(0, missing, null, null, null, null, null, null, null, 0, null, null);
        }

        var top = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            top = counts[k] > counts[top] ? k : top;
        }

        return new(total, missing, null, null, null, null, null, null, null, counts.Count(c => c > 0), column.Categories[top], counts[top] / (double)total);
    }

    /// <summary>The value, or null when it is NaN or infinite (the JSON never holds either).</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
