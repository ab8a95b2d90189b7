namespace Doppel.Evaluation.Privacy;

/// <summary>
/// Distances to the closest record (DCR): Euclidean distance from each row to its nearest real training row, with
/// numeric columns standardised by the real data and discrete columns one-hot. Synthetic rows are compared with
/// holdout rows, which the generator never saw: a ratio near 1 means the synthetic rows sit as far from the
/// training rows as unseen real rows do; far below 1 means copying. Null values are explained in <see cref="Reasons"/>.
/// </summary>
public sealed record PrivacyReport
{
    /// <summary>Median DCR of the synthetic rows.</summary>
    public double? DcrSyntheticMedian { get; init; }

    /// <summary>5th percentile of the synthetic rows' DCR.</summary>
    public double? DcrSyntheticP5 { get; init; }

    /// <summary>Median DCR of the holdout rows (the yardstick).</summary>
    public double? DcrHoldoutMedian { get; init; }

    /// <summary>5th percentile of the holdout rows' DCR.</summary>
    public double? DcrHoldoutP5 { get; init; }

    /// <summary>Synthetic median DCR divided by the holdout median DCR.</summary>
    public double? DcrRatio { get; init; }

    /// <summary>Median over synthetic rows of the nearest-neighbour distance ratio (closest / second-closest training row; 0 when both are 0).</summary>
    public double? NndrSyntheticMedian { get; init; }

    /// <summary>The same for holdout rows.</summary>
    public double? NndrHoldoutMedian { get; init; }

    /// <summary>Synthetic rows equal in every compared column to some training row.</summary>
    public required long ExactCopies { get; init; }

    /// <summary><see cref="ExactCopies"/> as a share of the synthetic rows.</summary>
    public required double ExactCopyRate { get; init; }

    /// <summary>Holdout rows equal to some training row (the rate a fresh real sample shows by chance).</summary>
    public long? HoldoutExactCopies { get; init; }

    /// <summary>Why a metric is null, keyed by its JSON name.</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }
}
