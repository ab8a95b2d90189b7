using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doppel.Synthesis;
using Doppel.Synthesis.KernelDensity;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.Neural.Diffusion;
using Doppel.Synthesis.Neural.Gan;
using Doppel.Synthesis.Neural.Tvae;
using Doppel.Synthesis.PcaMixture;
using Doppel.Synthesis.Smote;

namespace Doppel;

/// <summary>
/// The synthesizers, ready to fit: <c>Synthesizers.GaussianCopula().Fit(table)</c>. One typed factory per built-in
/// synthesizer taking its options record (null for the documented defaults, docs/MODELS.md), and
/// <see cref="Create(string, JsonObject?)"/> for any registered synthesizer by its command-line name.
/// </summary>
public static class Synthesizers
{
    /// <summary>The command-line names of every registered synthesizer, in registration order.</summary>
    public static ImmutableArray<string> Names => [.. BuiltInSynthesizers.Registry.Descriptors.Select(d => d.Name)];

    /// <summary>Each column on its own: the baseline that keeps marginals and nothing else.</summary>
    public static Synthesizer Independent(IndependentOptions? options = null) => new(new IndependentSynthesizer(options));

    /// <summary>Marginals joined by a Gaussian copula: fast, keeps pairwise correlations.</summary>
    public static Synthesizer GaussianCopula(GaussianCopulaOptions? options = null) => new(new GaussianCopulaSynthesizer(options));

    /// <summary>A Gaussian and categorical mixture whose number of components is chosen by BIC.</summary>
    public static Synthesizer Gmm(GmmOptions? options = null) => new(new GmmSynthesizer(options));

    /// <summary>Principal components of the numeric columns, then a Gaussian mixture in that space (many correlated columns, e.g. images).</summary>
    public static Synthesizer PcaGmm(PcaGmmOptions? options = null) => new(new PcaGmmSynthesizer(options));

    /// <summary>A kernel density estimate over the encoded rows, bandwidth by cross-validation.</summary>
    public static Synthesizer Kde(KdeOptions? options = null) => new(new KdeSynthesizer(options));

    /// <summary>SMOTE: rows interpolated between a row and one of its nearest neighbours.</summary>
    public static Synthesizer Smote(SmoteOptions? options = null) => new(new SmoteSynthesizer(options));

    /// <summary>CTGAN (Xu et al., 2019): conditional generator, training by sampling, PacGAN critic. Trains in epochs; pass a progress reporter to follow it.</summary>
    public static Synthesizer Ctgan(CtganOptions? options = null) => new(new CtganSynthesizer(options));

    /// <summary>TVAE: a variational autoencoder over mode-normalised columns. Trains in epochs.</summary>
    public static Synthesizer Tvae(TvaeOptions? options = null) => new(new TvaeSynthesizer(options));

    /// <summary>A Wasserstein GAN (Arjovsky et al., 2017) with weight clipping and RMSprop.</summary>
    public static Synthesizer Wgan(WganOptions? options = null) => new(new WganSynthesizer(options));

    /// <summary>A Wasserstein GAN with gradient penalty (Gulrajani et al., 2017).</summary>
    public static Synthesizer WganGp(WganGpOptions? options = null) => new(new WganGpSynthesizer(options));

    /// <summary>TabDDPM: Gaussian diffusion for numbers, multinomial diffusion for categories; strongest fidelity, slowest to train.</summary>
    public static Synthesizer TabDdpm(TabDdpmOptions? options = null) => new(new TabDdpmSynthesizer(options));

    /// <summary>
    /// The synthesizer called <paramref name="name"/> (as on the command line, see <see cref="Names"/>), with option
    /// overrides given as a JSON object of its options record (property names as <c>doppel models</c> and docs/MODELS.md
    /// spell them, for example <c>{"max_components": 5}</c>); null for the defaults.
    /// Works for every registered synthesizer, including those without a typed factory.
    /// </summary>
    /// <exception cref="InvalidOptionsException">No such synthesizer (the message lists them), or a bad option.</exception>
    public static Synthesizer Create(string name, JsonObject? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(BuiltInSynthesizers.Registry.Get(name).Create(options));
    }

    /// <summary>As <see cref="Create(string, JsonObject?)"/>, with the options as JSON text, for example <c>{"max_components": 5}</c>.</summary>
    /// <exception cref="InvalidOptionsException">No such synthesizer, the text is not a JSON object, or a bad option.</exception>
    public static Synthesizer Create(string name, string optionsJson)
    {
        ArgumentNullException.ThrowIfNull(optionsJson);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(optionsJson);
        }
        catch (JsonException e)
        {
            throw new InvalidOptionsException(name, [$"the options are not valid JSON: {e.Message}"]);
        }

        return node is JsonObject options
            ? Create(name, options)
            : throw new InvalidOptionsException(name, ["the options must be a JSON object, for example {\"max_components\": 5}"]);
    }

    /// <summary>Wraps a synthesizer built directly.</summary>
    internal static Synthesizer From(ISynthesizer synthesizer) => new(synthesizer);
}
