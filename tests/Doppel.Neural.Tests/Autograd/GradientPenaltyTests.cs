using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Neural.Tests;

public sealed class GradientPenaltyTests
{
    [Fact]
    public void Forward_InputGradient_EqualsFirstOrderBackward()
    {
        var (critic, x) = Build(dropout: 0.5f);
        var penalty = new GradientPenalty(critic);
        var tape = new Tape(new Rng(11));

        var value = penalty.Forward(tape, x, new Rng(11)).Scalar;
        var reference = new Tape(new Rng(11));
        reference.Backward(reference.Sum(critic.Forward(reference, x)));

        var expected = 0.0;
        for (var r = 0; r < x.Rows; r++)
        {
            var norm = Math.Sqrt(x.Grad!.Row(r).ToArray().Sum(v => (double)v * v));
            expected += (norm - 1) * (norm - 1) / x.Rows;
        }

        Assert.Equal(expected, value, 5);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.5f)]
    public void Backward_CriticWeights_MatchFiniteDifferences(float dropout)
    {
        var (critic, x) = Build(dropout);
        x.RequiresGrad = false;
        var penalty = new GradientPenalty(critic);
        var parameters = critic.Parameters().ToArray();
        AssertAwayFromKinks(critic, x, new Rng(5), margin: 0.02f);

        // The penalty is a polynomial in the weights between kinks; GradientCheck's tolerance covers float32 rounding.
        GradientCheck.Check((t, _) => penalty.Forward(t, x, new Rng(5)), 1e-3, parameters);
    }

    [Fact]
    public void Forward_TanhCritic_IsRefused()
    {
        var rng = new Rng(1);
        var critic = new Sequential(new Linear(3, 4, rng), new Activation(ActivationKind.Tanh), new Linear(4, 1, rng));

        Assert.Throws<ArgumentException>(() => new GradientPenalty(critic));
    }

    private static (Sequential Critic, Tensor X) Build(float dropout)
    {
        var rng = new Rng(21);
        var critic = new Sequential(
            new Linear(5, 6, rng), new Activation(ActivationKind.LeakyRelu, 0.2f), new Dropout(dropout),
            new Linear(6, 4, rng), new Activation(ActivationKind.LeakyRelu, 0.2f), new Dropout(dropout),
            new Linear(4, 1, rng));
        return (critic, GradientCheck.Param(3, 5, 9, -2, 2));
    }

    // Perturbing a weight by h = 1e-3 moves a pre-activation by about h·|input| times the downstream weights
    // (well under 0.02 here); if every pre-activation, under the same dropout masks as the penalty draws, is
    // further than that from zero, no finite difference crosses a kink of the leaky ReLU.
    private static void AssertAwayFromKinks(Sequential critic, Tensor x, Rng maskRng, float margin)
    {
        var tape = new Tape(new Rng(1)) { NoGrad = true };
        var h = x;
        foreach (var m in critic.Modules)
        {
            h = m is Dropout d ? (d.P > 0 ? tape.Dropout(h, d.P, maskRng) : h) : m.Forward(tape, h);
            if (m is Linear)
            {
                Assert.All(h.ToArray(), z => Assert.True(MathF.Abs(z) > margin, $"pre-activation {z} within {margin} of a kink"));
            }
        }
    }
}
