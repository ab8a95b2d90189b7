using System.Numerics.Tensors;
using Doppel.Data;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>Softmax over every row: (rows, cols).</summary>
    public Tensor Softmax(Tensor x) => Softmax(x, 0, x?.Cols ?? 0);

    /// <summary>
    /// Softmax over columns [<paramref name="start"/>, <paramref name="start"/> + <paramref name="width"/>) of
    /// every row (one one-hot group inside a wider row): (rows, width). Fused with the slice to save a copy.
    /// </summary>
    public Tensor Softmax(Tensor x, int start, int width) => SoftmaxCore(x, start, width, SoftmaxKind.Softmax, 1f, false, null);

    /// <summary>Log-softmax over every row.</summary>
    public Tensor LogSoftmax(Tensor x) => LogSoftmax(x, 0, x?.Cols ?? 0);

    /// <summary>Log-softmax over a column span of every row: (rows, width). Fused for stability (log of a sum of exps).</summary>
    public Tensor LogSoftmax(Tensor x, int start, int width) => SoftmaxCore(x, start, width, SoftmaxKind.LogSoftmax, 1f, false, null);

    /// <summary>
    /// Gumbel-softmax (Jang et al., 2017) over a column span: <c>softmax((x + g) / tau)</c> with
    /// <c>g = -log(-log u)</c>, <c>u ~ U(0, 1)</c> drawn from <paramref name="rng"/>. With <paramref name="hard"/>
    /// the forward value is the one-hot of the row's maximum and the gradient that of the soft sample
    /// (straight-through estimator). Result (rows, width).
    /// </summary>
    public Tensor GumbelSoftmax(Tensor x, int start, int width, float tau, bool hard, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tau);
        return SoftmaxCore(x, start, width, SoftmaxKind.Gumbel, tau, hard, rng);
    }

    private Tensor SoftmaxCore(Tensor x, int start, int width, SoftmaxKind kind, float tau, bool hard, Rng? rng)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (start < 0 || width <= 0 || start + width > x.Cols)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Span [{start}, {start + width}) is outside {x.Cols} columns.");
        }

        var y = Output(x.Rows, width, x);
        var soft = hard ? Rent(x.Rows, width, zero: false) : y;
        if (kind == SoftmaxKind.Gumbel)
        {
            // u in [2^-24, 1 - 2^-24], so both logarithms stay finite.
            var g = soft.Span;
            for (var i = 0; i < g.Length; i++)
            {
                g[i] = MathF.Max(rng!.NextSingleValue(), 1f / (1 << 24));
            }

            TensorPrimitives.Log(g, g);
            TensorPrimitives.Negate(g, g);
            TensorPrimitives.Log(g, g);
            TensorPrimitives.Negate(g, g);
        }

        if (kind == SoftmaxKind.Gumbel)
        {
            for (var r = 0; r < x.Rows; r++)
            {
                TensorPrimitives.Add(soft.Row(r), x.Row(r).Slice(start, width), soft.Row(r));
            }

            TensorPrimitives.Multiply(soft.Span, 1f / tau, soft.Span);
        }

        for (var r = 0; r < x.Rows; r++)
        {
            var dst = soft.Row(r);
            SoftmaxRow(kind == SoftmaxKind.Gumbel ? dst : x.Row(r).Slice(start, width), dst, kind == SoftmaxKind.LogSoftmax);
            if (hard)
            {
                var yr = y.Row(r);
                yr.Clear();
                yr[TensorPrimitives.IndexOfMax<float>(dst)] = 1f;
            }
        }

        Record(new Node { Backward = SoftmaxBackward, Out = y, A = x, C = soft, S0 = tau, I0 = start, I1 = (int)kind });
        return y;
    }

    // Plain loops: spans are short (2 to a few dozen columns), where per-call overhead dominates vector code.
    private static void SoftmaxRow(ReadOnlySpan<float> src, Span<float> dst, bool log)
    {
        var max = float.NegativeInfinity;
        foreach (var v in src)
        {
            max = MathF.Max(max, v);
        }

        var sum = 0f;
        for (var j = 0; j < src.Length; j++)
        {
            var shifted = src[j] - max;
            dst[j] = log ? shifted : MathF.Exp(shifted);
            sum += log ? MathF.Exp(shifted) : dst[j];
        }

        if (log)
        {
            TensorPrimitives.Subtract(dst, MathF.Log(sum), dst);
        }
        else
        {
            TensorPrimitives.Multiply(dst, 1f / sum, dst);
        }
    }

    private static float SumExp(ReadOnlySpan<float> shifted)
    {
        var sum = 0f;
        foreach (var v in shifted)
        {
            sum += MathF.Exp(v);
        }

        return sum;
    }

    // softmax: dx = y ⊙ (dy - Σ dy ⊙ y); Gumbel: the same through the soft sample, divided by tau;
    // log-softmax: dx = dy - softmax(x) Σ dy, with softmax(x) = exp(y).
    private static void SoftmaxBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!;
        var soft = n.C!;
        var dx = t.GradOf(n.A!);
        var scale = 1f / n.S0;
        for (var r = 0; r < dy.Rows; r++)
        {
            var g = dy.Row(r);
            var s = soft.Row(r);
            var d = dx.Row(r).Slice(n.I0, dy.Cols);
            if ((SoftmaxKind)n.I1 == SoftmaxKind.LogSoftmax)
            {
                var total = TensorPrimitives.Sum<float>(g);
                for (var j = 0; j < g.Length; j++)
                {
                    d[j] += g[j] - (MathF.Exp(s[j]) * total);
                }
            }
            else
            {
                var dot = TensorPrimitives.Dot<float>(g, s);
                for (var j = 0; j < g.Length; j++)
                {
                    d[j] += scale * s[j] * (g[j] - dot);
                }
            }
        }
    }

    private enum SoftmaxKind
    {
        Softmax,
        LogSoftmax,
        Gumbel,
    }
}
