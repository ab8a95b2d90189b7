using Doppel.Data;

namespace Doppel.Evaluation;

/// <summary>What to evaluate and how. The defaults run every part that the inputs allow.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Seed of every random choice (row subsets, model seeds). Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The column to predict for machine-learning efficacy; null skips it (reported with a reason).</summary>
    public string? Target { get; init; }

    /// <summary>
    /// Real rows the synthesizer never saw, with the real table's columns: the test set of machine-learning efficacy
    /// and the yardstick of the privacy distances. Null skips both (reported with a reason).
    /// </summary>
    public Table? Holdout { get; init; }

    /// <summary>Run machine-learning efficacy (needs <see cref="Target"/> and <see cref="Holdout"/>). Default true.</summary>
    public bool MlEfficacy { get; init; } = true;

    /// <summary>Run the real-against-synthetic detection classifier. Default true.</summary>
    public bool Detection { get; init; } = true;

    /// <summary>Run the privacy distances. Default true.</summary>
    public bool Privacy { get; init; } = true;

    /// <summary>Boosting rounds of each LightGBM model. Default 100, valid 1..10,000.</summary>
    public int BoostingIterations { get; init; } = 100;

    /// <summary>Cross-validation folds of the detection classifier. Default 3, valid 2..20.</summary>
    public int DetectionFolds { get; init; } = 3;

    /// <summary>Rows per side (real, synthetic) given to the detection classifier; larger tables are subsampled with the seed. Default 20,000.</summary>
    public int DetectionMaxRows { get; init; } = 20_000;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="InvalidOptionsException">Lists every bad field.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (BoostingIterations is < 1 or > 10_000)
        {
            problems.Add($"BoostingIterations must be in 1..10000 (got {BoostingIterations})");
        }

        if (DetectionFolds is < 2 or > 20)
        {
            problems.Add($"DetectionFolds must be in 2..20 (got {DetectionFolds})");
        }

        if (DetectionMaxRows < 10)
        {
            problems.Add($"DetectionMaxRows must be at least 10 (got {DetectionMaxRows})");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("evaluation options", problems);
        }
    }
}
