using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Neural.Tvae;

/// <summary>How a sampled row's softmax spans (categories, numeric modes, missing flags) become one category.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SoftmaxDecoding>))]
public enum SoftmaxDecoding
{
    /// <summary>The most likely category under the decoder (the reference's choice).</summary>
    [JsonStringEnumMemberName("argmax")]
    ArgMax,

    /// <summary>A draw from the decoder's softmax, as the generative model p(x | z) says.</summary>
    [JsonStringEnumMemberName("sample")]
    Sample,
}
