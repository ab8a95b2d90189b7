namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>
    /// The KL divergence <c>KL(w ‖ θ)</c> per row between a fixed categorical <paramref name="target"/> w and a model
    /// categorical θ over the column span [<paramref name="start"/>, <paramref name="start"/> + width) of
    /// <paramref name="logits"/> z, where <c>θ ∝ exp(u) ⊙ (a·softmax(z) + b)</c> with the fixed log-weights u =
    /// <paramref name="logWeights"/> and per-row mixing coefficients a = <paramref name="scale"/>[r] &gt; 0,
    /// b = <paramref name="shift"/>[r] ≥ 0. This is the model posterior of multinomial diffusion
    /// (Hoogeboom et al., 2021, eq. 8; TabDDPM): x̂₀ = softmax(z) is mixed with the uniform distribution as
    /// q(x_{t-1} | x̂₀) and multiplied by q(x_t | x_{t-1}) = exp(u). Fused and computed in log space because the
    /// shifted probabilities span many orders of magnitude. Terms with w = 0 contribute nothing (0 log 0 = 0).
    /// Target and weights: (rows, width); result (rows, 1).
    /// </summary>
    public Tensor PosteriorKl(Tensor logits, int start, Tensor logWeights, Tensor target, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(logWeights);
        ArgumentNullException.ThrowIfNull(target);
        CheckSameShape(logWeights, target, "PosteriorKl");
        var rows = logits.Rows;
        var width = target.Cols;
        if (target.Rows != rows || start < 0 || width <= 0 || start + width > logits.Cols || scale.Length != rows || shift.Length != rows)
        {
            throw new ArgumentException($"PosteriorKl: target {target} at column {start}, {scale.Length} scales and {shift.Length} shifts do not fit logits {logits}.");
        }

        var y = Output(rows, 1, logits);
        var theta = Rent(rows, width, zero: false);
        var ratio = Rent(rows, width, zero: false);
        for (var r = 0; r < rows; r++)
        {
            y.Span[r] = PosteriorKlRow(logits.Row(r).Slice(start, width), logWeights.Row(r), target.Row(r), scale[r], shift[r], theta.Row(r), ratio.Row(r));
        }

        Record(new Node { Backward = PosteriorKlBackward, Out = y, A = logits, B = target, C = theta, D = ratio, I0 = start });
        return y;
    }

    // With s = softmax(z), p = a s + b, ℓ = log p, log θ = u + ℓ - logsumexp(u + ℓ): writes θ and ratio = a s / p
    // (in [0, 1]), returns Σ w (log w - log θ).
    private static float PosteriorKlRow(ReadOnlySpan<float> z, ReadOnlySpan<float> u, ReadOnlySpan<float> w, float a, float b,
        Span<float> theta, Span<float> ratio)
    {
        var max = float.NegativeInfinity;
        foreach (var v in z)
        {
            max = MathF.Max(max, v);
        }

        var logNorm = max + MathF.Log(SumExp(z, max));
        var logA = MathF.Log(a);
        var logB = b > 0 ? MathF.Log(b) : float.NegativeInfinity;
        var vMax = float.NegativeInfinity;
        for (var k = 0; k < z.Length; k++)
        {
            var logAs = logA + z[k] - logNorm;
            var hi = MathF.Max(logAs, logB);
            var logP = hi + MathF.Log(MathF.Exp(logAs - hi) + MathF.Exp(logB - hi)); // log(a s + b), stable
            ratio[k] = MathF.Exp(logAs - logP);
            theta[k] = u[k] + logP;
            vMax = MathF.Max(vMax, theta[k]);
        }

        var logTotal = vMax + MathF.Log(SumExp(theta, vMax));
        var kl = 0f;
        for (var k = 0; k < z.Length; k++)
        {
            var logTheta = theta[k] - logTotal;
            theta[k] = MathF.Exp(logTheta);
            kl += w[k] > 0 ? w[k] * (MathF.Log(w[k]) - logTheta) : 0f;
        }

        return kl;
    }

    private static float SumExp(ReadOnlySpan<float> x, float max)
    {
        var sum = 0f;
        foreach (var v in x)
        {
            sum += MathF.Exp(v - max);
        }

        return sum;
    }

    // dL/dℓ_k = θ_k Σw - w_k; dℓ_k/ds_k = a / p_k; so with h_k = ratio_k (θ_k Σw - w_k) = s_k dL/ds_k,
    // the softmax backward gives dL/dz_i = h_i - s_i Σ_k h_k, where s_i = softmax(z)_i is recomputed from the logits.
    private static void PosteriorKlBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!.Span;
        var target = n.B!;
        var dx = t.GradOf(n.A!);
        var width = target.Cols;
        for (var r = 0; r < target.Rows; r++)
        {
            var w = target.Row(r);
            var theta = n.C!.Row(r);
            var ratio = n.D!.Row(r);
            var z = n.A!.Row(r).Slice(n.I0, width);
            var d = dx.Row(r).Slice(n.I0, width);
            var mass = 0f;
            var max = float.NegativeInfinity;
            for (var k = 0; k < width; k++)
            {
                mass += w[k];
                max = MathF.Max(max, z[k]);
            }

            var norm = SumExp(z, max);
            var total = 0f;
            for (var k = 0; k < width; k++)
            {
                total += ratio[k] * ((theta[k] * mass) - w[k]);
            }

            for (var k = 0; k < width; k++)
            {
                var h = ratio[k] * ((theta[k] * mass) - w[k]);
                d[k] += dy[r] * (h - (MathF.Exp(z[k] - max) / norm * total));
            }
        }
    }
}
