using System.Collections.Immutable;

namespace Doppel.Evaluation.Fidelity;

/// <summary>
/// Square association matrices over the compared columns: Pearson correlation for two numeric columns, the
/// correlation ratio η for a numeric and a discrete column, Cramér's V for two discrete columns. The diagonal
/// is 1; an entry is null when the measure is undefined (a constant column).
/// </summary>
/// <param name="Columns">The column names, in matrix order.</param>
/// <param name="Real">Associations in the real data, row-major.</param>
/// <param name="Synthetic">Associations in the synthetic data.</param>
/// <param name="Difference">Synthetic minus real.</param>
public sealed record AssociationMatrices(
    ImmutableArray<string> Columns,
    ImmutableArray<ImmutableArray<double?>> Real,
    ImmutableArray<ImmutableArray<double?>> Synthetic,
    ImmutableArray<ImmutableArray<double?>> Difference);
