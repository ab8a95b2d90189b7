using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>A trained generator with what sampling from it needs: its layout, noise width, Gumbel temperature and sampling tapes.</summary>
internal sealed class GanGenerator(Sequential network, GanLayout layout, int embeddingDim, float tau)
{
    /// <summary>The generator network, in evaluation mode.</summary>
    public Sequential Network { get; } = network;

    /// <summary>The encoded rows it makes.</summary>
    public GanLayout Layout { get; } = layout;

    /// <summary>Normal draws fed to the generator per row.</summary>
    public int EmbeddingDim { get; } = embeddingDim;

    /// <summary>Temperature of the Gumbel-softmax outputs.</summary>
    public float Tau { get; } = tau;

    /// <summary>The model's sampling tapes.</summary>
    public InferenceTapes Tapes { get; } = new();
}
