using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Mixtures;

/// <summary>The form of each mixture component's covariance over the numeric columns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CovarianceType>))]
public enum CovarianceType
{
    /// <summary>Each component has its own full covariance matrix: d(d+1)/2 parameters per component.</summary>
    Full,

    /// <summary>Each component has its own diagonal covariance: d parameters per component.</summary>
    Diagonal,

    /// <summary>All components share one full covariance matrix: d(d+1)/2 parameters in all.</summary>
    Tied,

    /// <summary>Each component has one variance for every column: 1 parameter per component.</summary>
    Spherical,
}
