using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>What the transformer learned about one column, as stored in a model file (JSON, snake_case).</summary>
internal sealed record ColumnState
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary><c>numeric</c>, <c>discrete</c> or <c>identifier</c> (not modelled).</summary>
    public required string Role { get; init; }

    /// <summary>Whether the training rows had missing values (then a category or mode of its own).</summary>
    public bool HasMissing { get; init; }

    /// <summary>Numeric: the smallest training value (decoded values are clipped to the training range).</summary>
    public double Min { get; init; }

    /// <summary>Numeric: the largest training value.</summary>
    public double Max { get; init; }

    /// <summary>Numeric: the kept modes' weights.</summary>
    public double[] Weights { get; init; } = [];

    /// <summary>Numeric: the kept modes' means.</summary>
    public double[] Means { get; init; } = [];

    /// <summary>Numeric: the kept modes' variances.</summary>
    public double[] Variances { get; init; } = [];

    /// <summary>Numeric: the kept modes' E-step constants (see <see cref="BayesianGaussianMixture.Result"/>).</summary>
    public double[] LogOffsets { get; init; } = [];

    /// <summary>Numeric: per kept mode, the single value it decodes to when it is a spike, else NaN (see <see cref="NumericEncoder"/>).</summary>
    public double[] Atoms { get; init; } = [];

    /// <summary>Discrete: the categories in encoded order (labels, <c>false</c>/<c>true</c>, or integers in invariant text).</summary>
    public string[] Labels { get; init; } = [];

    /// <summary>Training rows per encoded category (missing last) or per mode.</summary>
    public long[] Counts { get; init; } = [];

    /// <summary>Boolean: how true is written.</summary>
    public string? TrueText { get; init; }

    /// <summary>Boolean: how false is written.</summary>
    public string? FalseText { get; init; }
}

/// <summary>The transformer's JSON block.</summary>
/// <param name="Version">The layout version (1).</param>
/// <param name="Options">The options it was fitted with.</param>
/// <param name="Columns">One entry per schema column, in schema order.</param>
internal sealed record TransformerState(int Version, DataTransformerOptions Options, ColumnState[] Columns);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TransformerState))]
internal sealed partial class TransformerJsonContext : JsonSerializerContext;
