using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Doppel.Synthesis;

/// <summary>
/// How one column's marginal is stored in the <c>marginals.json</c> block. <see cref="Type"/> is one of
/// <c>numeric</c>, <c>discrete</c>, <c>identifier</c>; only the fields of that type are set.
/// </summary>
/// <param name="Type">The marginal type.</param>
/// <param name="MissingCount">Missing rows seen in training (numeric and discrete).</param>
/// <param name="ObservedCount">Non-missing rows seen in training (numeric).</param>
/// <param name="Labels">Category labels by code (discrete).</param>
/// <param name="Counts">Rows per label (discrete).</param>
/// <param name="Family">The parametric family of a numeric column, or null for the empirical quantile function.</param>
/// <param name="Parameters">The family's two parameters, then the lower and upper bound of the truncation.</param>
/// <param name="Order">The codes in the order of their intervals on the uniform scale, -1 for missing (discrete).</param>
internal sealed record MarginalEntry(
    string Type,
    long MissingCount,
    long ObservedCount,
    ImmutableArray<string> Labels,
    ImmutableArray<long> Counts,
    string? Family,
    ImmutableArray<double> Parameters,
    ImmutableArray<int> Order);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ImmutableArray<MarginalEntry>))]
internal sealed partial class MarginalJsonContext : JsonSerializerContext;
