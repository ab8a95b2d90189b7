using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Neural.Tests;

public sealed class RmsPropTests
{
    [Fact]
    public void Step_TwoSteps_MatchesClosedForm()
    {
        var p = Tensor.Parameter(1, 2);
        p.Span[0] = 1f;
        p.Span[1] = -2f;
        var rms = new RmsProp([p], learningRate: 0.01f, alpha: 0.9f, eps: 1e-8f);

        double[] g1 = [0.5, -3], g2 = [0.25, 1];
        double[] expected = [1, -2];
        double[] v = [0, 0];
        foreach (var g in new[] { g1, g2 })
        {
            for (var i = 0; i < 2; i++)
            {
                p.Grad!.Span[i] = (float)g[i];
                v[i] = (0.9 * v[i]) + (0.1 * g[i] * g[i]);
                expected[i] -= 0.01 * g[i] / (Math.Sqrt(v[i]) + 1e-8);
            }

            rms.Step();
        }

        Assert.Equal(expected[0], p.Span[0], 5);
        Assert.Equal(expected[1], p.Span[1], 5);
        Assert.Equal(2, rms.StepCount);
    }

    [Fact]
    public void Step_LinearRegression_ReducesLossTenfold()
    {
        var rng = new Rng(7);
        var layer = new Linear(3, 1, rng.Fork("init"));
        var rms = new RmsProp(layer.Parameters(), learningRate: 0.01f);
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

        float first = 0, last = 0;
        for (var step = 0; step < 400; step++)
        {
            tape.Reset();
            rms.ZeroGrad();
            var loss = tape.MseLoss(layer.Forward(tape, x), y);
            first = step == 0 ? loss.Scalar : first;
            last = loss.Scalar;
            tape.Backward(loss);
            rms.Step();
        }

        Assert.True(last < first / 10, $"loss went from {first} to {last}; RMSprop should cut it at least tenfold");
    }
}
