using System.Collections.Immutable;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// One variable of a specification as written: its name, its family and the family's parameters.
/// Numeric parameters sit in <see cref="Parameters"/>; the list-valued ones of <c>categorical</c> (labels and
/// probabilities) and <c>empirical</c> (values, or quantiles with optional probabilities) sit in their own lists.
/// </summary>
/// <param name="Name">Column name of the variable in the generated table.</param>
/// <param name="Family">Family name as in the JSON file, e.g. <c>normal</c> or <c>poisson</c>.</param>
/// <param name="Parameters">Numeric parameters by name, e.g. <c>mean</c> and <c>sd</c>.</param>
public sealed record MarginalSpec(string Name, string Family, ImmutableSortedDictionary<string, double> Parameters)
{
    /// <summary>Category labels of a <c>categorical</c> marginal, in code order; empty otherwise.</summary>
    public ImmutableArray<string> Labels { get; init; } = [];

    /// <summary>Category probabilities of a <c>categorical</c> marginal; the weights of an <c>empirical</c> one's values, or the levels of its quantiles; empty otherwise.</summary>
    public ImmutableArray<double> Probabilities { get; init; } = [];

    /// <summary>The values of an <c>empirical</c> marginal given by values: each weighs its entry of <see cref="Probabilities"/> when given, else 1/count; empty otherwise.</summary>
    public ImmutableArray<double> Values { get; init; } = [];

    /// <summary>The quantiles of an <c>empirical</c> marginal given by quantiles (at <see cref="Probabilities"/>, or equally spaced from 0 to 1); empty otherwise.</summary>
    public ImmutableArray<double> Quantiles { get; init; } = [];
}
