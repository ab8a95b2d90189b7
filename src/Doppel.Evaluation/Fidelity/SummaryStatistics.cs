namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// Summary statistics of one column in one table. Numeric statistics are null for discrete columns (and for
/// a column with no values); <see cref="Top"/> and <see cref="TopShare"/> are null for numeric columns.
/// </summary>
/// <param name="Count">Rows holding a value.</param>
/// <param name="Missing">Rows with no value.</param>
/// <param name="Mean">Mean of the values.</param>
/// <param name="Std">Sample standard deviation (n − 1); null with fewer than two values.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Q1">First quartile (linear interpolation).</param>
/// <param name="Median">Median.</param>
/// <param name="Q3">Third quartile.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Distinct">Number of distinct values.</param>
/// <param name="Top">Most frequent label (discrete columns).</param>
/// <param name="TopShare">Share of the non-missing rows holding <paramref name="Top"/>.</param>
public sealed record SummaryStatistics(
    long Count, long Missing, double? Mean, double? Std, double? Min, double? Q1, double? Median, double? Q3, double? Max,
    long Distinct, string? Top, double? TopShare);
