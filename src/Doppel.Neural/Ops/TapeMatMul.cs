using System.Numerics.Tensors;
using Doppel.Neural.Kernels;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>
    /// Matrix product <c>op(a) · op(b)</c>, where <c>op</c> transposes when the flag is set.
    /// Shapes: op(a) is (m, k), op(b) is (k, n), the result (m, n).
    /// </summary>
    /// <exception cref="ArgumentException">Inner dimensions differ.</exception>
    public Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (m, k) = transposeA ? (a.Cols, a.Rows) : (a.Rows, a.Cols);
        var (k2, n) = transposeB ? (b.Cols, b.Rows) : (b.Rows, b.Cols);
        if (k != k2)
        {
            throw new ArgumentException($"MatMul: inner dimensions {k} and {k2} differ.");
        }

        var y = Output(m, n, a, b);
        Gemm.Multiply(a.Span, b.Span, y.Span, m, n, k, transposeA, transposeB, accumulate: false, MaxThreads);
        Record(new Node { Backward = MatMulBackward, Out = y, A = a, B = b, I0 = transposeA ? 1 : 0, I1 = transposeB ? 1 : 0 });
        return y;
    }

    /// <summary>
    /// Fully connected layer <c>x · w + bias</c> fused into one recorded operation.
    /// Shapes: x (batch, in), w (in, out), bias (1, out) or null; result (batch, out).
    /// </summary>
    public Tensor Linear(Tensor x, Tensor w, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        if (x.Cols != w.Rows || (bias is not null && (bias.Rows != 1 || bias.Cols != w.Cols)))
        {
            throw new ArgumentException($"Linear: input {x.Rows}x{x.Cols}, weight {w.Rows}x{w.Cols}, bias {bias} do not fit.");
        }

        var y = Output(x.Rows, w.Cols, x, w, bias);
        if (bias is not null)
        {
            for (var r = 0; r < y.Rows; r++)
            {
                bias.Span.CopyTo(y.Row(r));
            }
        }

        Gemm.Multiply(x.Span, w.Span, y.Span, x.Rows, w.Cols, x.Cols, accumulate: bias is not null, maxThreads: MaxThreads);
        Record(new Node { Backward = LinearBackward, Out = y, A = x, B = w, C = bias });
        return y;
    }

    /// <summary>Adds the row vector <paramref name="bias"/> (1, cols) to every row of <paramref name="x"/>.</summary>
    public Tensor AddBias(Tensor x, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Rows != 1 || bias.Cols != x.Cols)
        {
            throw new ArgumentException($"AddBias: bias {bias} does not fit {x}.");
        }

        var y = Output(x.Rows, x.Cols, x, bias);
        for (var r = 0; r < x.Rows; r++)
        {
            TensorPrimitives.Add(x.Row(r), bias.Span, y.Row(r));
        }

        Record(new Node { Backward = AddBiasBackward, Out = y, A = x, B = bias });
        return y;
    }

    // C = op(A)·op(B): dop(A) = dC·op(B)ᵀ and dop(B) = op(A)ᵀ·dC; a stored transpose receives the transpose.
    private static void MatMulBackward(Tape t, in Node n)
    {
        var a = n.A!;
        var b = n.B!;
        var dy = n.Out.Grad!;
        bool ta = n.I0 == 1, tb = n.I1 == 1;
        int m = dy.Rows, nn = dy.Cols, k = ta ? a.Rows : a.Cols;
        if (a.RequiresGrad)
        {
            var da = t.GradOf(a);
            if (!ta)
            {
                Gemm.Multiply(dy.Span, b.Span, da.Span, m, k, nn, false, !tb, accumulate: true, t.MaxThreads);
            }
            else
            {
                Gemm.Multiply(b.Span, dy.Span, da.Span, k, m, nn, tb, true, accumulate: true, t.MaxThreads);
            }
        }

        if (b.RequiresGrad)
        {
            var db = t.GradOf(b);
            if (!tb)
            {
                Gemm.Multiply(a.Span, dy.Span, db.Span, k, nn, m, !ta, false, accumulate: true, t.MaxThreads);
            }
            else
            {
                Gemm.Multiply(dy.Span, a.Span, db.Span, nn, k, m, true, ta, accumulate: true, t.MaxThreads);
            }
        }
    }

    // y = x·w + b: dx = dy·wᵀ, dw = xᵀ·dy, db = Σ_rows dy.
    private static void LinearBackward(Tape t, in Node n)
    {
        var x = n.A!;
        var w = n.B!;
        var dy = n.Out.Grad!;
        if (x.RequiresGrad)
        {
            Gemm.Multiply(dy.Span, w.Span, t.GradOf(x).Span, x.Rows, x.Cols, w.Cols, false, true, accumulate: true, t.MaxThreads);
        }

        if (w.RequiresGrad)
        {
            Gemm.Multiply(x.Span, dy.Span, t.GradOf(w).Span, x.Cols, w.Cols, x.Rows, true, false, accumulate: true, t.MaxThreads);
        }

        if (n.C is { RequiresGrad: true } bias)
        {
            AddColumnSums(dy, t.GradOf(bias).Span);
        }
    }

    private static void AddBiasBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!;
        if (n.A!.RequiresGrad)
        {
            TensorPrimitives.Add(t.GradOf(n.A).Span, dy.Span, n.A.Grad!.Span);
        }

        if (n.B!.RequiresGrad)
        {
            AddColumnSums(dy, t.GradOf(n.B).Span);
        }
    }

    /// <summary>destination[j] += Σ_r x[r, j].</summary>
    internal static void AddColumnSums(Tensor x, Span<float> destination)
    {
        for (var r = 0; r < x.Rows; r++)
        {
            TensorPrimitives.Add(destination, x.Row(r), destination);
        }
    }
}
