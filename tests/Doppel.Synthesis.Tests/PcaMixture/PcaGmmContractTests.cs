using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.PcaMixture;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.PcaMixture;

public sealed class PcaGmmContractTests : SynthesizerContractTests
{
    private protected override ISynthesizer CreateSynthesizer() =>
        new PcaGmmSynthesizer(new PcaGmmOptions { Mixture = new GmmOptions { MaxComponents = 4, Restarts = 2 } });
}
