using System.Globalization;
using System.Text.Json.Serialization;

namespace Doppel.Synthesis.KernelDensity;

/// <summary>How the numeric bandwidth of <c>kde</c> is chosen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BandwidthMethod>))]
public enum BandwidthMethod
{
    /// <summary>The grid value with the highest leave-one-out log-likelihood on a subsample of rows.</summary>
    CrossValidated,

    /// <summary>Scott's rule: n^(-1/(d+4)) in standardised units.</summary>
    Scott,

    /// <summary>Silverman's rule: (n(d+2)/4)^(-1/(d+4)) in standardised units.</summary>
    Silverman,
}

/// <summary>
/// Hyperparameters of the <c>kde</c> synthesizer: a product kernel over standardised numeric columns (Gaussian,
/// one bandwidth for all) and discrete columns (Aitchison-Aitken, one smoothing share for all).
/// </summary>
public sealed record KdeOptions
{
    /// <summary>How the numeric bandwidth is chosen (default cross-validated).</summary>
    public BandwidthMethod Bandwidth { get; init; } = BandwidthMethod.CrossValidated;

    /// <summary>Candidate bandwidths for cross-validation, as multiples of Scott's rule, log-spaced from 0.05 to 1.5 (default 16, at least 2).</summary>
    public int GridSize { get; init; } = 16;

    /// <summary>Rows whose leave-one-out likelihood scores each candidate (default 400, at least 10).</summary>
    public int ValidationRows { get; init; } = 400;

    /// <summary>
    /// The Aitchison-Aitken share λ in [0, 0.5]: the probability that a discrete value is replaced by another level
    /// (default null: chosen by cross-validation among 0.01, 0.02, 0.05, 0.1, 0.2, 0.3).
    /// </summary>
    public double? DiscreteBandwidth { get; init; }

    /// <summary>Checks every field; throws one exception listing all problems.</summary>
    /// <exception cref="InvalidOptionsException">Some field is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (GridSize < 2)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"grid_size is {GridSize}; it must be at least 2"));
        }

        if (ValidationRows < 10)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"validation_rows is {ValidationRows}; it must be at least 10"));
        }

        if (DiscreteBandwidth is { } l && !(l is >= 0 and <= 0.5))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"discrete_bandwidth is {l}; it must be in [0, 0.5]"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("kde options", problems);
        }
    }
}
