using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Mixtures;

/// <summary>The information criterion used to choose the number of components and covariance type.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionCriterion>))]
public enum SelectionCriterion
{
    /// <summary>Bayesian information criterion: -2 log L + p ln n.</summary>
    Bic,

    /// <summary>Akaike information criterion: -2 log L + 2p.</summary>
    Aic,
}
