namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// How the relationship between two columns compares. Numeric pairs carry Pearson and Spearman correlations;
/// pairs with a discrete column carry the contingency similarity (the numeric side of a mixed pair binned into
/// 10 quantile bins of the real data). Null metrics are explained in <see cref="Reasons"/>.
/// </summary>
public sealed record PairReport
{
    /// <summary>The first column (earlier in the real table).</summary>
    public required string First { get; init; }

    /// <summary>The second column.</summary>
    public required string Second { get; init; }

    /// <summary>"numeric", "discrete" or "mixed".</summary>
    public required string Kind { get; init; }

    /// <summary>Pearson correlation in the real data.</summary>
    public double? PearsonReal { get; init; }

    /// <summary>Pearson correlation in the synthetic data.</summary>
    public double? PearsonSynthetic { get; init; }

    /// <summary>Synthetic minus real Pearson correlation.</summary>
    public double? PearsonDifference { get; init; }

    /// <summary>Spearman rank correlation in the real data.</summary>
    public double? SpearmanReal { get; init; }

    /// <summary>Spearman rank correlation in the synthetic data.</summary>
    public double? SpearmanSynthetic { get; init; }

    /// <summary>Synthetic minus real Spearman correlation.</summary>
    public double? SpearmanDifference { get; init; }

    /// <summary>1 − TVD of the joint frequency tables (pairs with a discrete column).</summary>
    public double? ContingencySimilarity { get; init; }

    /// <summary>The pair's trend score: 1 − |Δ Pearson| / 2 for numeric pairs, the contingency similarity otherwise.</summary>
    public double? Score { get; init; }

    /// <summary>Whether <see cref="Score"/> counts towards column_pair_trends (numeric and discrete pairs; mixed pairs do not).</summary>
    public required bool InScore { get; init; }

    /// <summary>Why a metric is null, keyed by the metric's JSON name.</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }
}
