namespace Doppel.Synthesis.Mixtures;

/// <summary>One fitted candidate of a model-selection sweep: a point of the criterion curve.</summary>
/// <param name="Components">The number of mixture components.</param>
/// <param name="Covariance">The covariance type.</param>
/// <param name="LogLikelihood">The training log-likelihood of the best restart (natural log, summed over rows).</param>
/// <param name="Parameters">The number of free parameters.</param>
/// <param name="Score">The criterion value (lower is better).</param>
/// <param name="Iterations">EM iterations of the best restart.</param>
/// <param name="Converged">Whether the best restart met the tolerance before the iteration limit.</param>
internal sealed record SelectionPoint(
    int Components,
    CovarianceType Covariance,
    double LogLikelihood,
    long Parameters,
    double Score,
    int Iterations,
    bool Converged);
