using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// The learned distribution of one column, seen through the uniform scale: <see cref="ToUniform"/> maps each
/// training row to a point of (0, 1) and <see cref="FromUniform"/> maps points of (0, 1) back to values.
/// Missing values own the interval [0, missing rate) of that scale, so they are sampled at their observed rate
/// and take part in a copula's correlations like any other value.
/// </summary>
internal abstract class ColumnMarginal
{
    /// <summary>The share of missing rows in the training data, in [0, 1].</summary>
    public abstract double MissingRate { get; }

    /// <summary>Whether the column is learned at all (identifiers are regenerated instead).</summary>
    public virtual bool IsModelled => true;

    /// <summary>
    /// Writes a uniform score for every row of <paramref name="column"/> into <paramref name="destination"/>. Tied
    /// values (and categories) own an interval of the scale: with <paramref name="jitter"/> each row gets a uniform
    /// draw within it, without it the interval's midpoint.
    /// </summary>
    public abstract void ToUniform(Column column, Rng? jitter, Span<double> destination);

    /// <summary>
    /// Writes the normal score Φ⁻¹(u) of every row (u as <see cref="ToUniform"/> gives it, kept within
    /// [<paramref name="margin"/>, 1 - <paramref name="margin"/>]) into <paramref name="destination"/>. Marginals
    /// override it to take Φ⁻¹ once per tie rather than once per row when ties sit at their midpoint.
    /// </summary>
    public virtual void ToNormal(Column column, Rng? jitter, double margin, Span<double> destination)
    {
        ToUniform(column, jitter, destination);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NormalQuantile(destination[i], margin);
        }
    }

    /// <summary>Φ⁻¹(u) with u kept within [<paramref name="margin"/>, 1 - <paramref name="margin"/>].</summary>
    protected static double NormalQuantile(double u, double margin) =>
        MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Math.Clamp(u, margin, 1 - margin));

    /// <summary>Maps the uniform points <paramref name="u"/> back to a column described by <paramref name="schema"/>.</summary>
    public abstract Column FromUniform(ColumnSchema schema, ReadOnlySpan<double> u);

    /// <summary>
    /// Maps standard normal points <paramref name="y"/> back to a column: the same as <see cref="FromUniform"/> at
    /// u = Φ(y). <paramref name="y"/> may be overwritten.
    /// </summary>
    public virtual Column FromNormal(ColumnSchema schema, Span<double> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-y[i] / MathNet.Numerics.Constants.Sqrt2);
        }

        return FromUniform(schema, y);
    }

    /// <summary>The JSON description of this marginal; large arrays go to blocks through <paramref name="writer"/>.</summary>
    public abstract MarginalEntry Describe(ModelWriter writer, int index);
}
