namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>
    /// TVAE's reconstruction loss (Xu et al., 2019, §4.3), summed over rows and scaled by <paramref name="scale"/>:
    /// for each scalar column j, the Gaussian negative log-likelihood <c>(x_j − tanh l_j)² / (2σ_j²) + ln σ_j</c>; for
    /// each softmax span, the cross-entropy <c>−Σ x log softmax(l)</c>. <paramref name="logits"/> and
    /// <paramref name="target"/> are (rows, d), <paramref name="sigma"/> (1, d) (only the scalar columns' entries are
    /// used). Fused because a row mixes many small spans: one pass instead of a dozen ops per span. Result (1, 1).
    /// </summary>
    /// <param name="logits">The decoder's raw output.</param>
    /// <param name="target">The encoded rows (no gradient).</param>
    /// <param name="sigma">The learned per-column standard deviations (positive).</param>
    /// <param name="scalarColumns">The columns that are tanh scalars.</param>
    /// <param name="softmaxSpans">The softmax spans as (start, width) pairs, flattened.</param>
    /// <param name="scale">The factor on the sum (TVAE: loss factor / rows).</param>
    public Tensor SpanReconstructionLoss(Tensor logits, Tensor target, Tensor sigma, ReadOnlySpan<int> scalarColumns,
        ReadOnlySpan<int> softmaxSpans, float scale)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sigma);
        CheckSameShape(logits, target, "SpanReconstructionLoss");
        if (sigma.Rows != 1 || sigma.Cols != logits.Cols || softmaxSpans.Length % 2 != 0)
        {
            throw new ArgumentException($"SpanReconstructionLoss: sigma {sigma} must be 1x{logits.Cols} and spans come in (start, width) pairs.");
        }

        // Saved for backward: tanh of scalar logits and softmax probabilities of span logits, in place of the logits.
        var saved = Rent(logits.Rows, logits.Cols, zero: true);
        var layout = RentInts(scalarColumns.Length + softmaxSpans.Length);
        scalarColumns.CopyTo(layout);
        softmaxSpans.CopyTo(layout.AsSpan(scalarColumns.Length));
        var sum = 0.0;
        for (var r = 0; r < logits.Rows; r++)
        {
            var l = logits.Row(r);
            var x = target.Row(r);
            var s = saved.Row(r);
            foreach (var j in scalarColumns)
            {
                var t = MathF.Tanh(l[j]);
                var d = x[j] - t;
                var sj = sigma.Span[j];
                s[j] = t;
                sum += (d * d / (2 * sj * sj)) + MathF.Log(sj);
            }

            for (var k = 0; k < softmaxSpans.Length; k += 2)
            {
                var (a, w) = (softmaxSpans[k], softmaxSpans[k + 1]);
                var max = float.NegativeInfinity;
                for (var j = a; j < a + w; j++)
                {
                    max = MathF.Max(max, l[j]);
                }

                var z = 0f;
                for (var j = a; j < a + w; j++)
                {
                    s[j] = MathF.Exp(l[j] - max);
                    z += s[j];
                }

                var logZ = max + MathF.Log(z);
                for (var j = a; j < a + w; j++)
                {
                    s[j] /= z;
                    sum += x[j] * (logZ - l[j]);
                }
            }
        }

        var y = Output(1, 1, logits, sigma);
        y.Span[0] = (float)(sum * scale);
        Record(new Node { Backward = SpanReconstructionBackward, Out = y, A = logits, B = target, C = sigma, D = saved, S0 = scale, I0 = scalarColumns.Length, I1 = softmaxSpans.Length, Obj = layout });
        return y;
    }

    // Scalar j: d/dl = −(x − t)(1 − t²) / σ², d/dσ = −(x − t)² / σ³ + 1 / σ.
    // Span: d/dl_j = p_j Σ x − x_j.
    private static void SpanReconstructionBackward(Tape tape, in Node n)
    {
        var g = n.Out.Grad!.Span[0] * n.S0;
        var logits = n.A!;
        var target = n.B!;
        var sigma = n.C!;
        var saved = n.D!;
        var layout = (int[])n.Obj!;
        var scalars = layout.AsSpan(0, n.I0);
        var spans = layout.AsSpan(n.I0, n.I1);
        var dl = logits.RequiresGrad ? tape.GradOf(logits) : null;
        var ds = sigma.RequiresGrad ? tape.GradOf(sigma).Span : default;
        for (var r = 0; r < logits.Rows; r++)
        {
            var x = target.Row(r);
            var s = saved.Row(r);
            foreach (var j in scalars)
            {
                var d = x[j] - s[j];
                var sj = sigma.Span[j];
                if (dl is not null)
                {
                    dl.Row(r)[j] -= g * d * (1 - (s[j] * s[j])) / (sj * sj);
                }

                if (!ds.IsEmpty)
                {
                    ds[j] += g * ((1 / sj) - (d * d / (sj * sj * sj)));
                }
            }

            if (dl is null)
            {
                continue;
            }

            var row = dl.Row(r);
            for (var k = 0; k < spans.Length; k += 2)
            {
                var (a, w) = (spans[k], spans[k + 1]);
                var mass = 0f;
                for (var j = a; j < a + w; j++)
                {
                    mass += x[j];
                }

                for (var j = a; j < a + w; j++)
                {
                    row[j] += g * ((s[j] * mass) - x[j]);
                }
            }
        }
    }
}
