using System.Numerics.Tensors;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>Sum over rows, (1, cols), when <paramref name="axis"/> is 0; over columns, (rows, 1), when it is 1.</summary>
    public Tensor Sum(Tensor x, int axis) => Reduce(x, axis, 1f);

    /// <summary>Mean over rows, (1, cols), when <paramref name="axis"/> is 0; over columns, (rows, 1), when it is 1.</summary>
    public Tensor Mean(Tensor x, int axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Reduce(x, axis, 1f / Math.Max(1, axis == 0 ? x.Rows : x.Cols));
    }

    /// <summary>Sum of every element, (1, 1).</summary>
    public Tensor Sum(Tensor x) => Reduce(x, -1, 1f);

    /// <summary>Mean of every element, (1, 1).</summary>
    public Tensor Mean(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Reduce(x, -1, 1f / Math.Max(1, x.Length));
    }

    private Tensor Reduce(Tensor x, int axis, float scale)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (axis is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), "axis is 0 (over rows) or 1 (over columns).");
        }

        var y = axis switch { 0 => Output(1, x.Cols, x), 1 => Output(x.Rows, 1, x), _ => Output(1, 1, x) };
        switch (axis)
        {
            case 0:
                y.Span.Clear();
                AddColumnSums(x, y.Span);
                TensorPrimitives.Multiply(y.Span, scale, y.Span);
                break;
            case 1:
                for (var r = 0; r < x.Rows; r++)
                {
                    y.Span[r] = TensorPrimitives.Sum<float>(x.Row(r)) * scale;
                }

                break;
            default:
                y.Span[0] = TensorPrimitives.Sum<float>(x.Span) * scale;
                break;
        }

        Record(new Node { Backward = ReduceBackward, Out = y, A = x, S0 = scale, I0 = axis });
        return y;
    }

    // Each input element receives scale times the gradient of the sum it fed.
    private static void ReduceBackward(Tape t, in Node n)
    {
        var x = n.A!;
        var dy = n.Out.Grad!.Span;
        var dx = t.GradOf(n.A!);
        for (var r = 0; r < x.Rows; r++)
        {
            var row = dx.Row(r);
            switch (n.I0)
            {
                case 0: TensorPrimitives.MultiplyAdd(dy, n.S0, row, row); break;
                case 1: TensorPrimitives.Add(row, dy[r] * n.S0, row); break;
                default: TensorPrimitives.Add(row, dy[0] * n.S0, row); break;
            }
        }
    }
}
