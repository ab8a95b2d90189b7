using System.Collections.Immutable;
using Doppel.Evaluation.Detection;
using Doppel.Evaluation.Fidelity;
using Doppel.Evaluation.Privacy;
using Doppel.Evaluation.Utility;

namespace Doppel.Evaluation;

/// <summary>
/// Everything the evaluation found: the headline scores, per-column and per-pair fidelity, the association
/// matrices, machine-learning efficacy, detection and privacy. Build one with <see cref="QualityEvaluator.Evaluate"/>;
/// write it as JSON or as an HTML report.
/// </summary>
public sealed record QualityReport
{
    /// <summary>Rows in each input.</summary>
    public required RowCounts Rows { get; init; }

    /// <summary>The headline fidelity scores.</summary>
    public required QualityScores Quality { get; init; }

    /// <summary>One report per column of the real data, in its order.</summary>
    public required ImmutableArray<ColumnReport> Columns { get; init; }

    /// <summary>One report per pair of compared columns, in real column order.</summary>
    public required ImmutableArray<PairReport> Pairs { get; init; }

    /// <summary>The real, synthetic and difference association matrices.</summary>
    public required AssociationMatrices Associations { get; init; }

    /// <summary>Machine-learning efficacy (null when switched off).</summary>
    public MlEfficacyReport? MlEfficacy { get; init; }

    /// <summary>The detection classifier (null when switched off).</summary>
    public DetectionReport? Detection { get; init; }

    /// <summary>Privacy distances (null when switched off).</summary>
    public PrivacyReport? Privacy { get; init; }

    /// <summary>Wall-clock seconds spent on each part, in the order run (not part of the JSON document, which is byte-stable).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableArray<(string Part, double Seconds)> Timings { get; init; } = [];
}
