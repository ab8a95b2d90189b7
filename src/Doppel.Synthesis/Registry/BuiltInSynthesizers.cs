namespace Doppel.Synthesis;

/// <summary>The synthesizers that ship with Doppel. Each feature adds its descriptor here.</summary>
internal static class BuiltInSynthesizers
{
    /// <summary>The registry of every built-in synthesizer.</summary>
    public static SynthesizerRegistry Registry { get; } = new(
    [
        IndependentSynthesizer.Descriptor,
        GaussianCopulaSynthesizer.Descriptor,
        Mixtures.GmmSynthesizer.Descriptor,
        PcaMixture.PcaGmmSynthesizer.Descriptor,
        KernelDensity.KdeSynthesizer.Descriptor,
        Smote.SmoteSynthesizer.Descriptor,
        Neural.Tvae.TvaeSynthesizer.Descriptor,
        Neural.Gan.WganSynthesizer.Descriptor,
        Neural.Gan.WganGpSynthesizer.Descriptor,
        Neural.Gan.CtganSynthesizer.Descriptor,
        Neural.Diffusion.TabDdpmSynthesizer.Descriptor,
    ]);
}
