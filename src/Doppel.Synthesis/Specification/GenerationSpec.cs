using System.Collections.Immutable;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// A specification for generation without data: one marginal distribution per variable and a target
/// correlation matrix of the given <see cref="Correlation"/> type. Build it with <see cref="SpecJson.Parse"/>,
/// which validates every field, or directly and then call <see cref="SpecJson.Validate"/>.
/// </summary>
/// <param name="Name">A short name for the specification (may be empty).</param>
/// <param name="Marginals">The variables, in column order.</param>
/// <param name="Target">The target correlation matrix, row-major, <c>Marginals.Length</c> squared entries.</param>
/// <param name="Correlation">The correlation type of <paramref name="Target"/>.</param>
public sealed record GenerationSpec(
    string Name,
    ImmutableArray<MarginalSpec> Marginals,
    ImmutableArray<double> Target,
    CorrelationType Correlation)
{
    /// <summary>The number of variables.</summary>
    public int Dimension => Marginals.Length;

    /// <summary>The target correlation between variables <paramref name="i"/> and <paramref name="j"/>.</summary>
    public double TargetAt(int i, int j) => Target[(i * Marginals.Length) + j];

    /// <summary>A copy of the target as a row-major array.</summary>
    public double[] TargetArray() => [.. Target];
}
