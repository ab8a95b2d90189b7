namespace Doppel.Evaluation;

/// <summary>The number of rows in each input.</summary>
/// <param name="Real">Real (training) rows.</param>
/// <param name="Synthetic">Synthetic rows.</param>
/// <param name="Holdout">Real holdout rows, or null when none were given.</param>
public sealed record RowCounts(int Real, int Synthetic, int? Holdout);
