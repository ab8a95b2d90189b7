namespace Doppel.Synthesis.Specification;

/// <summary>Settings for <see cref="SpecInference.Infer"/>.</summary>
public sealed record SpecInferenceOptions
{
    /// <summary>The correlation type to measure and write; default <see cref="CorrelationType.Pearson"/>.</summary>
    public CorrelationType Correlation { get; init; } = CorrelationType.Pearson;

    /// <summary>
    /// A fitted family is kept when its KS distance to the column is at most max(<see cref="MaxKs"/>, the KS critical
    /// value at α = 0.01 for the column's size); otherwise the column falls back to <c>empirical</c>. Default 0.01,
    /// valid (0, 1].
    /// </summary>
    public double MaxKs { get; init; } = 0.01;

    /// <summary>Quantiles written for an empirical continuous column (equally spaced levels from 0 to 1); default 201, valid 2..100000.</summary>
    public int Quantiles { get; init; } = 201;

    /// <summary>An integer column with at most this many distinct values falls back to weighted values; beyond, to quantiles. Default 1000.</summary>
    public int MaxDistinctValues { get; init; } = 1000;

    /// <summary>Throws <see cref="InvalidOptionsException"/> listing every invalid field.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!(MaxKs > 0 && MaxKs <= 1))
        {
            problems.Add("MaxKs: must lie in (0, 1]");
        }

        if (Quantiles is < 2 or > 100_000)
        {
            problems.Add("Quantiles: must lie in 2..100000");
        }

        if (MaxDistinctValues < 2)
        {
            problems.Add("MaxDistinctValues: must be at least 2");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("inference options", problems);
        }
    }
}
