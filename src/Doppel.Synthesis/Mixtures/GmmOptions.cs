using System.Collections.Immutable;
using System.Globalization;

namespace Doppel.Synthesis.Mixtures;

/// <summary>
/// Hyperparameters of the <c>gmm</c> synthesizer: a mixture fitted by EM for every number of components in
/// [<see cref="MinComponents"/>, <see cref="MaxComponents"/>] and every covariance type in
/// <see cref="CovarianceTypes"/>, the model kept being chosen by <see cref="Criterion"/>. EM settings follow
/// scikit-learn's <c>GaussianMixture</c> (tolerance 1e-3, 100 iterations, covariance floor 1e-6).
/// </summary>
public sealed record GmmOptions
{
    /// <summary>The smallest number of components tried (default 1, at least 1).</summary>
    public int MinComponents { get; init; } = 1;

    /// <summary>The largest number of components tried (default 30; counts above the number of rows are skipped).</summary>
    public int MaxComponents { get; init; } = 30;

    /// <summary>The covariance types tried (default full only).</summary>
    public ImmutableArray<CovarianceType> CovarianceTypes { get; init; } = [CovarianceType.Full];

    /// <summary>The criterion that chooses among the fitted candidates (default BIC).</summary>
    public SelectionCriterion Criterion { get; init; } = SelectionCriterion.Bic;

    /// <summary>
    /// How close to the best criterion value a simpler model must be to be preferred, in nats of log-likelihood per
    /// training row (default 0.01, at least 0). The candidate kept is the one with the fewest parameters whose
    /// criterion is within <c>2·n·tolerance</c> of the best: the best value itself moves with the random start,
    /// while the first point where the curve flattens does not, so the choice is stable across seeds. 0 keeps the
    /// plain minimum.
    /// </summary>
    public double SelectionTolerance { get; init; } = 0.01;

    /// <summary>EM runs per candidate from different k-means++ starts; the best log-likelihood is kept (default 3, at least 1).</summary>
    public int Restarts { get; init; } = 3;

    /// <summary>The most EM iterations per run (default 100, at least 1).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>EM stops when the mean log-likelihood per row changes by less than this (default 1e-3, above 0).</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Added to every variance, in standardised units (default 1e-6, at least 0), so no component collapses onto a point.</summary>
    public double CovarianceFloor { get; init; } = 1e-6;

    /// <summary>Pseudo-count added to each level of each component's categorical distribution (default 0.01, above 0).</summary>
    public double CategorySmoothing { get; init; } = 0.01;

    /// <summary>Checks every field and throws one exception listing all problems.</summary>
    /// <exception cref="InvalidOptionsException">Some field is out of range.</exception>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("gmm options", problems);
        }
    }

    internal IEnumerable<string> Problems()
    {
        if (MinComponents < 1)
        {
            yield return Invariant($"min_components is {MinComponents}; it must be at least 1");
        }

        if (MaxComponents < MinComponents)
        {
            yield return Invariant($"max_components is {MaxComponents}; it must be at least min_components ({MinComponents})");
        }

        if (CovarianceTypes.IsDefaultOrEmpty)
        {
            yield return "covariance_types is empty; name at least one of full, diagonal, tied, spherical";
        }
        else if (CovarianceTypes.Distinct().Count() != CovarianceTypes.Length)
        {
            yield return "covariance_types names a type twice";
        }

        if (!(SelectionTolerance >= 0))
        {
            yield return Invariant($"selection_tolerance is {SelectionTolerance}; it must be at least 0");
        }

        if (Restarts < 1)
        {
            yield return Invariant($"restarts is {Restarts}; it must be at least 1");
        }

        if (MaxIterations < 1)
        {
            yield return Invariant($"max_iterations is {MaxIterations}; it must be at least 1");
        }

        if (!(Tolerance > 0))
        {
            yield return Invariant($"tolerance is {Tolerance}; it must be above 0");
        }

        if (!(CovarianceFloor >= 0) || double.IsInfinity(CovarianceFloor))
        {
            yield return Invariant($"covariance_floor is {CovarianceFloor}; it must be a number at least 0");
        }

        if (!(CategorySmoothing > 0) || double.IsInfinity(CategorySmoothing))
        {
            yield return Invariant($"category_smoothing is {CategorySmoothing}; it must be a number above 0");
        }
    }

    internal EmSettings Settings => new(MaxIterations, Tolerance, CovarianceFloor, CategorySmoothing);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
