using System.Numerics.Tensors;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>Element-wise <c>a + b</c> (same shapes).</summary>
    public Tensor Add(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Add);

    /// <summary>Element-wise <c>a - b</c> (same shapes).</summary>
    public Tensor Sub(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Sub);

    /// <summary>Element-wise <c>a * b</c> (same shapes).</summary>
    public Tensor Mul(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Mul);

    /// <summary>Element-wise <c>a / b</c> (same shapes).</summary>
    public Tensor Div(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Div);

    /// <summary><c>scale * x + shift</c> for scalars (negation, scaling, loss weights).</summary>
    public Tensor Affine(Tensor x, float scale, float shift = 0f)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Output(x.Rows, x.Cols, x);
        TensorPrimitives.Multiply(x.Span, scale, y.Span);
        TensorPrimitives.Add(y.Span, shift, y.Span);
        Record(new Node { Backward = AffineBackward, Out = y, A = x, S0 = scale });
        return y;
    }

    private Tensor Binary(Tensor a, Tensor b, BinaryKind kind)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckSameShape(a, b, "element-wise operation");
        var y = Output(a.Rows, a.Cols, a, b);
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(a.Span, b.Span, y.Span); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(a.Span, b.Span, y.Span); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(a.Span, b.Span, y.Span); break;
            default: TensorPrimitives.Divide(a.Span, b.Span, y.Span); break;
        }

        Record(new Node { Backward = BinaryBackward, Out = y, A = a, B = b, I0 = (int)kind });
        return y;
    }

    // d(a+b) = da + db; d(a-b) = da - db; d(ab) = b da + a db; d(a/b) = da/b - (a/b²) db = (da - y db)/b.
    private static void BinaryBackward(Tape t, in Node n)
    {
        var a = n.A!;
        var b = n.B!;
        var y = n.Out;
        var dy = n.Out.Grad!.Span;
        var kind = (BinaryKind)n.I0;
        if (a.RequiresGrad)
        {
            var da = t.GradOf(a).Span;
            switch (kind)
            {
                case BinaryKind.Add or BinaryKind.Sub: TensorPrimitives.Add(da, dy, da); break;
                case BinaryKind.Mul: TensorPrimitives.FusedMultiplyAdd(dy, b.Span, da, da); break;
                default: AddQuotient(dy, b.Span, da); break;
            }
        }

        if (b.RequiresGrad)
        {
            var db = t.GradOf(b).Span;
            switch (kind)
            {
                case BinaryKind.Add: TensorPrimitives.Add(db, dy, db); break;
                case BinaryKind.Sub: TensorPrimitives.Subtract(db, dy, db); break;
                case BinaryKind.Mul: TensorPrimitives.FusedMultiplyAdd(dy, a.Span, db, db); break;
                default:
                    var ys = y.Span;
                    var bs = b.Span;
                    for (var i = 0; i < db.Length; i++)
                    {
                        db[i] -= dy[i] * ys[i] / bs[i];
                    }

                    break;
            }
        }
    }

    private static void AddQuotient(ReadOnlySpan<float> dy, ReadOnlySpan<float> b, Span<float> da)
    {
        for (var i = 0; i < da.Length; i++)
        {
            da[i] += dy[i] / b[i];
        }
    }

    private static void AffineBackward(Tape t, in Node n)
    {
        var da = t.GradOf(n.A!).Span;
        TensorPrimitives.MultiplyAdd(n.Out.Grad!.Span, n.S0, da, da);
    }

    private enum BinaryKind
    {
        Add,
        Sub,
        Mul,
        Div,
    }
}
