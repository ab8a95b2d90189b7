using System.Collections.Immutable;

namespace Doppel.Synthesis.Specification;

/// <summary>A specification inferred from a table, with one note per column saying what was chosen and why.</summary>
/// <param name="Spec">The specification (columns that cannot be described are left out).</param>
/// <param name="Notes">One line per column of the table, e.g. <c>age: gamma (KS 0.021 against 0.009 allowed) rejected; empirical quantiles</c>.</param>
internal sealed record InferredSpec(GenerationSpec Spec, ImmutableArray<string> Notes);
