using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Neural.Tests;

public sealed class AdamTests
{
    [Fact]
    public void Step_TwoSteps_MatchesClosedForm()
    {
        var p = Tensor.Parameter(1, 2);
        p.Span[0] = 1f;
        p.Span[1] = -2f;
        var adam = new Adam([p], learningRate: 0.1f, beta1: 0.9f, beta2: 0.999f, eps: 1e-8f);

        double[] g1 = [0.5, -3], g2 = [0.25, 1];
        SetGrad(p, g1);
        adam.Step();
        SetGrad(p, g2);
        adam.Step();

        for (var i = 0; i < 2; i++)
        {
            var m = (0.9 * 0.1 * g1[i]) + (0.1 * g2[i]);
            var v = (0.999 * 0.001 * g1[i] * g1[i]) + (0.001 * g2[i] * g2[i]);
            var start = i == 0 ? 1.0 : -2.0;
            var first = start - (0.1 * Math.Sign(g1[i]));
            var expected = first - (0.1 / (1 - (0.9 * 0.9)) * m / ((Math.Sqrt(v) / Math.Sqrt(1 - (0.999 * 0.999))) + 1e-8));
            Assert.Equal(expected, p.Span[i], 5);
        }
    }

    [Fact]
    public void Step_DecoupledWeightDecay_ShrinksWeightsWithZeroGradient()
    {
        var p = Tensor.Parameter(1, 1);
        p.Span[0] = 2f;
        var adamW = Adam.AdamW([p], learningRate: 0.1f, weightDecay: 0.5f);

        adamW.Step();

        Assert.Equal(2f * (1f - (0.1f * 0.5f)), p.Span[0], 6);
    }

    [Fact]
    public void Step_LinearRegression_RecoversCoefficients()
    {
        var rng = new Rng(5);
        var layer = new Linear(3, 1, rng.Fork("init"));
        var adam = new Adam(layer.Parameters(), learningRate: 0.05f);
        var tape = new Tape(rng);
        var x = new Tensor(64, 3);
        var y = new Tensor(64, 1);
        for (var r = 0; r < 64; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                x[r, c] = (float)rng.NextGaussian();
            }

            y[r, 0] = (2f * x[r, 0]) - x[r, 1] + (0.5f * x[r, 2]) + 1f;
        }

        for (var step = 0; step < 500; step++)
        {
            tape.Reset();
            adam.ZeroGrad();
            tape.Backward(tape.MseLoss(layer.Forward(tape, x), y));
            adam.Step();
        }

        Assert.Equal([2f, -1f, 0.5f], layer.Weight.ToArray().Select(w => MathF.Round(w, 2)));
        Assert.Equal(1f, layer.Bias!.Span[0], 2);
    }

    private static void SetGrad(Tensor p, double[] g)
    {
        for (var i = 0; i < g.Length; i++)
        {
            p.Grad!.Span[i] = (float)g[i];
        }
    }
}
