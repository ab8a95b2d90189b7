using System.Numerics.Tensors;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>
    /// Batch normalisation over rows (Ioffe and Szegedy, 2015), fused into one operation for speed:
    /// <c>y = γ (x - μ) / √(σ² + eps) + β</c> per column. In training μ and σ² are the batch's (biased)
    /// statistics and the running ones move by <paramref name="momentum"/> (variance unbiased, as in PyTorch);
    /// otherwise the running statistics are used. Shapes: x (rows, cols); the rest (1, cols).
    /// </summary>
    public Tensor BatchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, bool training,
        float momentum = 0.1f, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVar);
        var y = Output(x.Rows, x.Cols, x, gamma, beta);
        var xHat = Rent(x.Rows, x.Cols, zero: false);
        var inv = Rent(1, x.Cols, zero: true);
        var mean = Rent(1, x.Cols, zero: true);
        if (training)
        {
            AddColumnSums(x, mean.Span);
            TensorPrimitives.Multiply(mean.Span, 1f / x.Rows, mean.Span);
            for (var r = 0; r < x.Rows; r++)
            {
                TensorPrimitives.Subtract(x.Row(r), mean.Span, xHat.Row(r));
                TensorPrimitives.FusedMultiplyAdd(xHat.Row(r), xHat.Row(r), inv.Span, inv.Span);
            }

            TensorPrimitives.Multiply(inv.Span, 1f / x.Rows, inv.Span); // biased variance
            var unbias = x.Rows > 1 ? x.Rows / (x.Rows - 1f) : 1f;
            TensorPrimitives.Lerp(runningMean.Span, mean.Span, momentum, runningMean.Span);
            for (var j = 0; j < x.Cols; j++)
            {
                runningVar.Span[j] = ((1f - momentum) * runningVar.Span[j]) + (momentum * unbias * inv.Span[j]);
            }
        }
        else
        {
            runningMean.Span.CopyTo(mean.Span);
            runningVar.Span.CopyTo(inv.Span);
            for (var r = 0; r < x.Rows; r++)
            {
                TensorPrimitives.Subtract(x.Row(r), mean.Span, xHat.Row(r));
            }
        }

        TensorPrimitives.Add(inv.Span, eps, inv.Span);
        TensorPrimitives.ReciprocalSqrt(inv.Span, inv.Span);
        for (var r = 0; r < x.Rows; r++)
        {
            TensorPrimitives.Multiply(xHat.Row(r), inv.Span, xHat.Row(r));
            TensorPrimitives.FusedMultiplyAdd(xHat.Row(r), gamma.Span, beta.Span, y.Row(r));
        }

        Record(new Node { Backward = BatchNormBackward, Out = y, A = x, B = gamma, C = xHat, D = inv, Obj = beta, I0 = training ? 1 : 0 });
        return y;
    }

    /// <summary>
    /// Layer normalisation over each row's columns (Ba et al., 2016), fused:
    /// <c>y = γ (x - μ_r) / √(σ²_r + eps) + β</c>. Shapes: x (rows, cols); γ, β (1, cols).
    /// </summary>
    public Tensor LayerNorm(Tensor x, Tensor gamma, Tensor beta, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        var y = Output(x.Rows, x.Cols, x, gamma, beta);
        var xHat = Rent(x.Rows, x.Cols, zero: false);
        var inv = Rent(x.Rows, 1, zero: false);
        for (var r = 0; r < x.Rows; r++)
        {
            var h = xHat.Row(r);
            TensorPrimitives.Subtract(x.Row(r), TensorPrimitives.Sum<float>(x.Row(r)) / x.Cols, h);
            inv.Span[r] = 1f / MathF.Sqrt((TensorPrimitives.SumOfSquares<float>(h) / x.Cols) + eps);
            TensorPrimitives.Multiply(h, inv.Span[r], h);
            TensorPrimitives.FusedMultiplyAdd(h, gamma.Span, beta.Span, y.Row(r));
        }

        Record(new Node { Backward = LayerNormBackward, Out = y, A = x, B = gamma, C = xHat, D = inv, Obj = beta });
        return y;
    }

    // With x̂ = (x - μ)·inv: dβ = Σ_r dy, dγ = Σ_r dy ⊙ x̂, and in training
    // dx = γ·inv ⊙ (dy - dβ/N - x̂ ⊙ dγ/N) (μ and σ² depend on x); in evaluation dx = γ·inv ⊙ dy.
    private static void BatchNormBackward(Tape t, in Node n)
    {
        var x = n.A!;
        var gamma = n.B!;
        var xHat = n.C!;
        var inv = n.D!;
        var beta = (Tensor)n.Obj!;
        var dy = n.Out.Grad!;
        var dBeta = t.Rent(1, x.Cols, zero: true).Span;
        var dGamma = t.Rent(1, x.Cols, zero: true).Span;
        var tmp = t.Rent(1, x.Cols, zero: false).Span;
        for (var r = 0; r < x.Rows; r++)
        {
            TensorPrimitives.Add(dBeta, dy.Row(r), dBeta);
            TensorPrimitives.FusedMultiplyAdd(dy.Row(r), xHat.Row(r), dGamma, dGamma);
        }

        if (gamma.RequiresGrad)
        {
            TensorPrimitives.Add(t.GradOf(gamma).Span, dGamma, gamma.Grad!.Span);
        }

        if (beta.RequiresGrad)
        {
            TensorPrimitives.Add(t.GradOf(beta).Span, dBeta, beta.Grad!.Span);
        }

        if (!x.RequiresGrad)
        {
            return;
        }

        var coef = t.Rent(1, x.Cols, zero: false).Span;
        TensorPrimitives.Multiply(gamma.Span, inv.Span, coef);
        var training = n.I0 == 1;
        TensorPrimitives.Multiply(dBeta, training ? 1f / x.Rows : 0f, dBeta);
        TensorPrimitives.Multiply(dGamma, training ? 1f / x.Rows : 0f, dGamma);
        var dx = t.GradOf(x);
        for (var r = 0; r < x.Rows; r++)
        {
            TensorPrimitives.Multiply(xHat.Row(r), dGamma, tmp);
            TensorPrimitives.Subtract(dy.Row(r), tmp, tmp);
            TensorPrimitives.Subtract(tmp, dBeta, tmp);
            TensorPrimitives.FusedMultiplyAdd(tmp, coef, dx.Row(r), dx.Row(r));
        }
    }

    // dx̂ = dy ⊙ γ; dx_r = inv_r (dx̂ - mean(dx̂) - x̂ mean(dx̂ ⊙ x̂)); dγ = Σ_r dy ⊙ x̂; dβ = Σ_r dy.
    private static void LayerNormBackward(Tape t, in Node n)
    {
        var x = n.A!;
        var gamma = n.B!;
        var xHat = n.C!;
        var inv = n.D!;
        var beta = (Tensor)n.Obj!;
        var dy = n.Out.Grad!;
        var g = t.Rent(1, x.Cols, zero: false).Span;
        for (var r = 0; r < x.Rows; r++)
        {
            if (gamma.RequiresGrad)
            {
                TensorPrimitives.FusedMultiplyAdd(dy.Row(r), xHat.Row(r), t.GradOf(gamma).Span, gamma.Grad!.Span);
            }

            if (beta.RequiresGrad)
            {
                TensorPrimitives.Add(t.GradOf(beta).Span, dy.Row(r), beta.Grad!.Span);
            }

            if (x.RequiresGrad)
            {
                TensorPrimitives.Multiply(dy.Row(r), gamma.Span, g);
                var meanG = TensorPrimitives.Sum<float>(g) / x.Cols;
                var meanGx = TensorPrimitives.Dot<float>(g, xHat.Row(r)) / x.Cols;
                TensorPrimitives.MultiplyAdd(xHat.Row(r), -meanGx, g, g);
                TensorPrimitives.Subtract(g, meanG, g);
                TensorPrimitives.MultiplyAdd(g, inv.Span[r], t.GradOf(x).Row(r), x.Grad!.Row(r));
            }
        }
    }
}
