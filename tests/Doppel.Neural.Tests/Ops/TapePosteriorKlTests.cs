using Doppel.Data;
using Doppel.Neural;
using static Doppel.Neural.Tests.GradientCheck;

namespace Doppel.Neural.Tests;

public sealed class TapePosteriorKlTests
{
    private static readonly float[] Scale = [0.7f, 0.05f, 1f];
    private static readonly float[] Shift = [0.1f, 0.3f, 0f];

    [Fact]
    public void PosteriorKl_Value_MatchesDirectFormulaInDoubles()
    {
        var logits = Param(3, 6, 1, -2, 2);
        var (logWeights, target) = Fixed(3, 4);
        var tape = new Tape(new Rng(1));

        var kl = tape.PosteriorKl(logits, 1, logWeights, target, Scale, Shift);

        for (var r = 0; r < 3; r++)
        {
            var z = Enumerable.Range(1, 4).Select(k => (double)logits[r, k]).ToArray();
            var s = z.Select(Math.Exp).Select(e => e / z.Sum(Math.Exp)).ToArray();
            var unnormalised = Enumerable.Range(0, 4).Select(k => Math.Exp(logWeights[r, k]) * ((Scale[r] * s[k]) + Shift[r])).ToArray();
            var theta = unnormalised.Select(v => v / unnormalised.Sum()).ToArray();
            var expected = Enumerable.Range(0, 4).Where(k => target[r, k] > 0).Sum(k => target[r, k] * Math.Log(target[r, k] / theta[k]));
            Assert.True(Math.Abs(kl[r, 0] - expected) < 1e-5, $"row {r}: {kl[r, 0]} vs {expected} (float32 rounding of O(1) terms, bound 1e-5)");
        }
    }

    [Fact]
    public void PosteriorKl_TargetEqualsModel_IsZero()
    {
        var logits = Param(1, 3, 2);
        var logWeights = new Tensor(1, 3);
        var tape = new Tape(new Rng(1));
        var s = logits.Span.ToArray().Select(v => MathF.Exp(v)).ToArray();
        var target = Tensor.FromValues(s.Select(v => v / s.Sum()).ToArray(), 1, 3);

        var kl = tape.PosteriorKl(logits, 0, logWeights, target, [1f], [0f]);

        Assert.True(Math.Abs(kl.Span[0]) < 1e-6, $"KL(p ‖ p) = {kl.Span[0]}, expected 0 within float32 rounding");
    }

    [Fact]
    public void PosteriorKl_Logits_MatchesFiniteDifferences()
    {
        var (logWeights, target) = Fixed(3, 4);

        Check((t, p) => t.PosteriorKl(p[0], 1, logWeights, target, Scale, Shift), Param(3, 6, 3, -2, 2));
    }

    [Fact]
    public void PosteriorKl_OneHotTargetNoShift_MatchesFiniteDifferences()
    {
        var logWeights = Tensor.FromValues([-0.2f, -3f, -1f, -0.5f, -2f, -0.1f], 2, 3);
        var target = Tensor.FromValues([0f, 1f, 0f, 1f, 0f, 0f], 2, 3);

        Check((t, p) => t.PosteriorKl(p[0], 0, logWeights, target, [1f, 1f], [0f, 0f]), Param(2, 3, 4, -2, 2));
    }

    /// <summary>Log-weights in [-3, 0] and target distributions with one zero entry per row.</summary>
    private static (Tensor LogWeights, Tensor Target) Fixed(int rows, int width)
    {
        var rng = new Rng(7);
        var logWeights = new Tensor(rows, width);
        var target = new Tensor(rows, width);
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < width; k++)
            {
                logWeights[r, k] = -3f * rng.NextSingleValue();
                target[r, k] = k == r % width ? 0f : 0.1f + rng.NextSingleValue();
            }

            var sum = target.Row(r).ToArray().Sum();
            for (var k = 0; k < width; k++)
            {
                target[r, k] /= sum;
            }
        }

        return (logWeights, target);
    }
}
