namespace Doppel.Evaluation;

/// <summary>The headline fidelity scores, each in 0..1 where 1 means the synthetic data look exactly like the real data.</summary>
/// <param name="ColumnShapes">Mean over compared columns of 1 − KS (numeric) or 1 − TVD (discrete); null when no column could be compared.</param>
/// <param name="ColumnPairTrends">Mean over numeric pairs of 1 − |Δ Pearson| / 2 and over discrete pairs of the contingency similarity; null when no pair qualifies.</param>
/// <param name="Score">Mean of the two (or whichever exists).</param>
public sealed record QualityScores(double? ColumnShapes, double? ColumnPairTrends, double? Score);
