using System.Collections.Immutable;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// A univariate distribution built from a <see cref="MarginalSpec"/>: exact CDF, inverse CDF and density (or mass).
/// Discrete marginals (Bernoulli, binomial, Poisson, negative binomial, categorical, empirical values) are held as
/// a finite list of atoms; an unbounded count family keeps every atom up to a cumulative probability of
/// 1 - 1e-13 and folds the remaining mass into the last one. Categorical marginals take the values 0..k-1 (their
/// codes, in label order) for correlation purposes.
/// </summary>
internal abstract class Marginal
{
    private (double Mean, double Variance)? _moments;

    /// <summary>Creates the marginal.</summary>
    protected Marginal(string name, string family)
    {
        Name = name;
        Family = family;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The family name, as in the specification.</summary>
    public string Family { get; }

    /// <summary>True for marginals with atoms (counts, categories, empirical values).</summary>
    public abstract bool IsDiscrete { get; }

    /// <summary>Category labels for a categorical marginal (value k is label k); empty otherwise.</summary>
    public virtual ImmutableArray<string> Labels => [];

    /// <summary>P(X &lt;= <paramref name="x"/>).</summary>
    public abstract double Cdf(double x);

    /// <summary>The smallest x with P(X &lt;= x) &gt;= <paramref name="p"/>, for p in (0, 1).</summary>
    public abstract double InverseCdf(double p);

    /// <summary>The density at <paramref name="x"/> (continuous) or P(X = x) (discrete).</summary>
    public abstract double Density(double x);

    /// <summary>The atoms' values in increasing order (discrete marginals only; empty otherwise).</summary>
    public virtual ReadOnlySpan<double> AtomValues => [];

    /// <summary>The atoms' probabilities, matching <see cref="AtomValues"/>.</summary>
    public virtual ReadOnlySpan<double> AtomProbabilities => [];

    /// <summary>The mean, computed by the same quadrature the correlation calculus uses (NaN when infinite).</summary>
    public double Mean => (_moments ??= QuantileQuadrature.Moments(this)).Mean;

    /// <summary>The variance, computed by the same quadrature the correlation calculus uses.</summary>
    public double Variance => (_moments ??= QuantileQuadrature.Moments(this)).Variance;

    /// <summary>The interval holding all but 1e-6 of the mass, at each end: for plots.</summary>
    public (double Low, double High) Range => (InverseCdf(1e-6), InverseCdf(1 - 1e-6));
}
