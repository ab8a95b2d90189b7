using Doppel.Neural;
using static Doppel.Neural.Tests.GradientCheck;

namespace Doppel.Neural.Tests;

public sealed class TapeSpanReconstructionTests
{
    // Layout of 7 columns: scalar 0, softmax 1..3, scalar 4, softmax 5..6.
    private static readonly int[] Scalars = [0, 4];
    private static readonly int[] Spans = [1, 3, 5, 2];

    [Fact]
    public void SpanReconstructionLoss_LogitsAndSigma_MatchFiniteDifferences()
    {
        var target = Target();

        // Sigma in [0.5, 1) and a step of 1e-3: the (x - t)²/σ² term curves sharply near 0, and the central
        // difference's error grows with the third derivative times h².
        Check((t, p) => t.SpanReconstructionLoss(p[0], target, p[1], Scalars, Spans, 0.5f), 1e-3, Param(3, 7, 1, -2, 2), Param(1, 7, 2, 0.5f, 1f));
    }

    [Fact]
    public void SpanReconstructionLoss_OneRow_EqualsGaussianPlusCrossEntropy()
    {
        var tape = new Tape(new Doppel.Data.Rng(1));
        var logits = Tensor.FromValues([0.5f, 1f, 2f, 3f, -0.2f, 0f, 1f], 1, 7);
        var target = Tensor.FromValues([0.3f, 0f, 1f, 0f, -0.1f, 1f, 0f], 1, 7);
        var sigma = Tensor.FromValues([0.5f, 1f, 1f, 1f, 0.2f, 1f, 1f], 1, 7);

        var loss = tape.SpanReconstructionLoss(logits, target, sigma, Scalars, Spans, 2f).Scalar;

        static double Gaussian(double x, double l, double s) => (Math.Pow(x - Math.Tanh(l), 2) / (2 * s * s)) + Math.Log(s);
        var ce1 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 2;
        var ce2 = Math.Log(Math.Exp(0) + Math.Exp(1)) - 0;
        var expected = 2 * (Gaussian(0.3, 0.5, 0.5) + Gaussian(-0.1, -0.2, 0.2) + ce1 + ce2);
        Assert.Equal(expected, loss, 4);
    }

    private static Tensor Target()
    {
        var target = Tensor.FromValues(
        [
            0.2f, 1, 0, 0, -0.7f, 0, 1,
            -0.9f, 0, 1, 0, 0.1f, 1, 0,
            0.5f, 0, 0, 1, 0.95f, 0, 1,
        ], 3, 7);
        return target;
    }
}
