namespace Doppel.Synthesis;

/// <summary>The synthesizers that ship with Doppel. Each feature adds its descriptor here.</summary>
public static class BuiltInSynthesizers
{
    /// <summary>The registry of every built-in synthesizer.</summary>
    public static SynthesizerRegistry Registry { get; } = new(
    [
        IndependentSynthesizer.Descriptor,
        GaussianCopulaSynthesizer.Descriptor,
        Mixtures.GmmSynthesizer.Descriptor,
        KernelDensity.KdeSynthesizer.Descriptor,
        Smote.SmoteSynthesizer.Descriptor,
        Neural.Diffusion.TabDdpmSynthesizer.Descriptor,
    ]);
}
