using System.Text.Json.Serialization;

namespace Doppel.Synthesis;

/// <summary>Hyperparameters of the <c>independent</c> synthesizer.</summary>
public sealed record IndependentOptions
{
    /// <summary>
    /// The most knots of the empirical quantile function stored per numeric column. With more observed rows, the
    /// function is resampled at this many evenly spaced probabilities, which bounds the model size and moves any
    /// quantile by at most 1/(knots - 1) in probability. Default 2,048; valid 2 to 1,000,000.
    /// </summary>
    public int Knots { get; init; } = 2048;

    /// <summary>Checks every field at once.</summary>
    /// <exception cref="InvalidOptionsException">A field is out of range; the message lists each.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Knots is < 2 or > 1_000_000)
        {
            problems.Add($"knots must be between 2 and 1000000 (got {Knots})");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("independent options", problems);
        }
    }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(IndependentOptions))]
internal sealed partial class IndependentJsonContext : JsonSerializerContext;
