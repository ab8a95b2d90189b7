using System.Collections.Immutable;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// How one column enters the diffusion, as stored in the model file. <see cref="Type"/> is <c>numeric</c> (a
/// quantile-normal scalar, plus a missing indicator among the discrete features), <c>discrete</c> (one category per
/// level), <c>target</c> (the class label the model is conditioned on) or <c>identifier</c> (not modelled).
/// </summary>
/// <param name="Column">The column's position in the schema.</param>
/// <param name="Type">The role, as above.</param>
/// <param name="Levels">
/// The levels that occur in training, in code order: category codes (categorical), 0/1 (boolean), values (discrete
/// integers), 0 for "present" (numeric), and <see cref="DiffusionLayout.MissingLevel"/> for missing.
/// </param>
/// <param name="Counts">Training rows per level (the class frequencies of a target; empty otherwise).</param>
internal sealed record DiffusionColumn(int Column, string Type, ImmutableArray<long> Levels, ImmutableArray<long> Counts);

/// <summary>The roles of every column of the schema, in schema order (the <c>tabddpm/layout.json</c> block).</summary>
/// <param name="Columns">One entry per schema column.</param>
internal sealed record DiffusionLayout(ImmutableArray<DiffusionColumn> Columns)
{
    /// <summary>The level that stands for a missing value.</summary>
    public const long MissingLevel = long.MinValue;

    public const string Numeric = "numeric";
    public const string Discrete = "discrete";
    public const string Target = "target";
    public const string Identifier = "identifier";
}
