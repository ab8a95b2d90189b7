using Doppel.Synthesis.Mixtures;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Mixtures;

public sealed class GmmContractTests : SynthesizerContractTests
{
    private protected override ISynthesizer CreateSynthesizer() => new GmmSynthesizer(new GmmOptions { MaxComponents = 4, Restarts = 2 });
}
