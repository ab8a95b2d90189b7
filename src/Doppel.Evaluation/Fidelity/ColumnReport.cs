using Doppel.Data;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// How one column of the synthetic data compares with the real column. A metric that cannot be computed is
/// null and <see cref="Reasons"/> says why under the metric's JSON name (for example <c>"ks"</c>).
/// </summary>
public sealed record ColumnReport
{
    /// <summary>The column's name.</summary>
    public required string Name { get; init; }

    /// <summary>The column's kind in the real data.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>"ks" for numeric columns, "tvd" for discrete ones, "none" for columns not compared (identifiers).</summary>
    public required string ShapeMetric { get; init; }

    /// <summary>1 − KS or 1 − TVD (0..1, higher is better); null when the column is not compared.</summary>
    public double? ShapeScore { get; init; }

    /// <summary>Two-sample Kolmogorov-Smirnov statistic on the non-missing values (numeric columns).</summary>
    public double? Ks { get; init; }

    /// <summary>Total variation distance between the category frequencies (discrete columns).</summary>
    public double? Tvd { get; init; }

    /// <summary>Standardised Anderson-Darling k-sample statistic (numeric columns; as SciPy's <c>anderson_ksamp</c>).</summary>
    public double? AndersonDarlingStatistic { get; init; }

    /// <summary>Its approximate p-value, floored at 0.001 and capped at 0.25 as in SciPy.</summary>
    public double? AndersonDarlingPValue { get; init; }

    /// <summary>Chi-square statistic of the 2 × K table of category counts (discrete columns).</summary>
    public double? ChiSquareStatistic { get; init; }

    /// <summary>Its degrees of freedom (categories that occur − 1).</summary>
    public int? ChiSquareDegreesOfFreedom { get; init; }

    /// <summary>Its p-value: a small value means the frequencies differ by more than chance.</summary>
    public double? ChiSquarePValue { get; init; }

    /// <summary>First Wasserstein distance between the value distributions divided by the real standard deviation.</summary>
    public double? WassersteinScaled { get; init; }

    /// <summary>Share of real rows with no value.</summary>
    public required double MissingRateReal { get; init; }

    /// <summary>Share of synthetic rows with no value.</summary>
    public required double MissingRateSynthetic { get; init; }

    /// <summary>Synthetic minus real missing share.</summary>
    public required double MissingRateDifference { get; init; }

    /// <summary>Summary of the real column.</summary>
    public required SummaryStatistics Real { get; init; }

    /// <summary>Summary of the synthetic column.</summary>
    public required SummaryStatistics Synthetic { get; init; }

    /// <summary>Why a metric is null, keyed by the metric's JSON name, in key order.</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }
}
