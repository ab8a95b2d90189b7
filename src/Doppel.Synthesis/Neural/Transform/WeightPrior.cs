using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>The prior on the mixture weights of the variational Bayesian Gaussian mixture.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WeightPrior>))]
internal enum WeightPrior
{
    /// <summary>A Dirichlet process (stick-breaking), as scikit-learn's <c>dirichlet_process</c> and the reference.</summary>
    [JsonStringEnumMemberName("dirichlet_process")]
    DirichletProcess,

    /// <summary>A finite symmetric Dirichlet distribution (<c>dirichlet_distribution</c>).</summary>
    [JsonStringEnumMemberName("dirichlet_distribution")]
    DirichletDistribution,
}
