namespace Doppel.Synthesis;

/// <summary>The synthesizers that ship with Doppel. Each feature adds its descriptor here.</summary>
public static class BuiltInSynthesizers
{
    /// <summary>The registry of every built-in synthesizer.</summary>
    public static SynthesizerRegistry Registry { get; } = new(
    [
        // Descriptors are added one line per synthesizer, e.g. IndependentSynthesizer.Descriptor,
        Mixtures.GmmSynthesizer.Descriptor,
    ]);
}
