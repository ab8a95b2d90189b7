using System.Numerics.Tensors;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>Mean squared error <c>mean((prediction - target)²)</c>: (1, 1).</summary>
    public Tensor MseLoss(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        CheckSameShape(prediction, target, "MseLoss");
        var diff = Rent(prediction.Rows, prediction.Cols, zero: false);
        TensorPrimitives.Subtract(prediction.Span, target.Span, diff.Span);
        var y = Output(1, 1, prediction, target);
        y.Span[0] = TensorPrimitives.SumOfSquares<float>(diff.Span) / Math.Max(1, diff.Length);
        Record(new Node { Backward = MseBackward, Out = y, A = prediction, B = target, C = diff });
        return y;
    }

    /// <summary>
    /// Cross-entropy with logits per row: <c>-Σ_j target[r, j] · log softmax(logits[r, span])_j</c>, where the span
    /// starts at <paramref name="start"/> and is as wide as <paramref name="target"/> (one-hot or probabilities).
    /// Result (rows, 1). Fused with the log-softmax so large logits cannot overflow.
    /// </summary>
    public Tensor CrossEntropyWithLogits(Tensor logits, Tensor target, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Rows != logits.Rows || start < 0 || start + target.Cols > logits.Cols)
        {
            throw new ArgumentException($"CrossEntropyWithLogits: target {target} at column {start} does not fit logits {logits}.");
        }

        var y = Output(logits.Rows, 1, logits);
        var logP = Rent(logits.Rows, target.Cols, zero: false);
        for (var r = 0; r < logits.Rows; r++)
        {
            var src = logits.Row(r).Slice(start, target.Cols);
            var dst = logP.Row(r);
            TensorPrimitives.Subtract(src, TensorPrimitives.Max(src), dst);
            TensorPrimitives.Subtract(dst, MathF.Log(SumExp(dst)), dst);
            y.Span[r] = -TensorPrimitives.Dot<float>(target.Row(r), dst);
        }

        Record(new Node { Backward = CrossEntropyBackward, Out = y, A = logits, B = target, C = logP, I0 = start });
        return y;
    }

    /// <summary>
    /// Binary cross-entropy with logits, averaged: <c>mean(max(x, 0) - x t + log(1 + e^-|x|))</c>, the stable form of
    /// <c>-t log σ(x) - (1 - t) log(1 - σ(x))</c>. Result (1, 1).
    /// </summary>
    public Tensor BceWithLogitsLoss(Tensor logits, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        CheckSameShape(logits, target, "BceWithLogitsLoss");
        var y = Output(1, 1, logits);
        var x = logits.Span;
        var t = target.Span;
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += MathF.Max(x[i], 0f) - (x[i] * t[i]) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x[i])));
        }

        y.Span[0] = (float)(sum / Math.Max(1, x.Length));
        Record(new Node { Backward = BceBackward, Out = y, A = logits, B = target });
        return y;
    }

    /// <summary>
    /// KL divergence of N(mu, exp(logVar)) from N(0, I), summed over columns and averaged over rows:
    /// <c>-0.5 Σ (1 + logVar - mu² - exp(logVar)) / rows</c> (Kingma and Welling, 2014, appendix B). Result (1, 1).
    /// </summary>
    public Tensor KlStandardNormal(Tensor mu, Tensor logVar)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(logVar);
        CheckSameShape(mu, logVar, "KlStandardNormal");
        var y = Output(1, 1, mu, logVar);
        var m = mu.Span;
        var lv = logVar.Span;
        var sum = 0.0;
        for (var i = 0; i < m.Length; i++)
        {
            sum += 1f + lv[i] - (m[i] * m[i]) - MathF.Exp(lv[i]);
        }

        y.Span[0] = (float)(-0.5 * sum / Math.Max(1, mu.Rows));
        Record(new Node { Backward = KlBackward, Out = y, A = mu, B = logVar });
        return y;
    }

    // d/dp mean(d²) = 2 d / N, and the opposite for the target.
    private static void MseBackward(Tape t, in Node n)
    {
        var diff = n.C!.Span;
        var scale = 2f * n.Out.Grad!.Span[0] / Math.Max(1, n.C.Length);
        if (n.A!.RequiresGrad)
        {
            var d = t.GradOf(n.A).Span;
            TensorPrimitives.MultiplyAdd(diff, scale, d, d);
        }

        if (n.B!.RequiresGrad)
        {
            var d = t.GradOf(n.B).Span;
            TensorPrimitives.MultiplyAdd(diff, -scale, d, d);
        }
    }

    // d/dx_j [-Σ t log softmax(x)] = softmax(x)_j Σ t - t_j.
    private static void CrossEntropyBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!.Span;
        var target = n.B!;
        var logP = n.C!;
        var dx = t.GradOf(n.A!);
        for (var r = 0; r < target.Rows; r++)
        {
            var tr = target.Row(r);
            var lp = logP.Row(r);
            var d = dx.Row(r).Slice(n.I0, target.Cols);
            var mass = TensorPrimitives.Sum<float>(tr);
            for (var j = 0; j < d.Length; j++)
            {
                d[j] += dy[r] * ((MathF.Exp(lp[j]) * mass) - tr[j]);
            }
        }
    }

    // d/dx = (σ(x) - t) / N.
    private static void BceBackward(Tape t, in Node n)
    {
        var x = n.A!.Span;
        var tg = n.B!.Span;
        var d = t.GradOf(n.A).Span;
        var scale = n.Out.Grad!.Span[0] / Math.Max(1, x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            d[i] += scale * (Sigmoid(x[i]) - tg[i]);
        }
    }

    // d/dmu = mu / rows; d/dlogVar = 0.5 (exp(logVar) - 1) / rows.
    private static void KlBackward(Tape t, in Node n)
    {
        var scale = n.Out.Grad!.Span[0] / Math.Max(1, n.A!.Rows);
        var m = n.A.Span;
        var lv = n.B!.Span;
        if (n.A.RequiresGrad)
        {
            var d = t.GradOf(n.A).Span;
            TensorPrimitives.MultiplyAdd(m, scale, d, d);
        }

        if (n.B.RequiresGrad)
        {
            var d = t.GradOf(n.B).Span;
            for (var i = 0; i < d.Length; i++)
            {
                d[i] += 0.5f * scale * (MathF.Exp(lv[i]) - 1f);
            }
        }
    }
}
