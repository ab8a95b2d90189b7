using System.Collections.Immutable;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>
/// The one-hot group of a discrete column (categorical, boolean, or integer marked discrete), for models that
/// condition on one column at a time (CTGAN's conditional vector and training-by-sampling).
/// </summary>
/// <param name="Column">The table column.</param>
/// <param name="Start">The first encoded column of the group.</param>
/// <param name="Width">The number of categories, the missing category included when the column had missing rows.</param>
/// <param name="Counts">Training rows per category, in encoded order.</param>
internal sealed record DiscreteBlock(string Column, int Start, int Width, ImmutableArray<long> Counts);
