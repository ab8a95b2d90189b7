using System.Numerics.Tensors;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>Joins tensors with equal row counts side by side: (rows, Σ cols).</summary>
    /// <exception cref="ArgumentException">No tensors, or row counts differ.</exception>
    public Tensor Concat(params ReadOnlySpan<Tensor> parts)
    {
        if (parts.Length == 0)
        {
            throw new ArgumentException("Concat needs at least one tensor.", nameof(parts));
        }

        int rows = parts[0].Rows, cols = 0;
        var requiresGrad = false;
        foreach (var p in parts)
        {
            if (p.Rows != rows)
            {
                throw new ArgumentException($"Concat: row counts {rows} and {p.Rows} differ.", nameof(parts));
            }

            cols += p.Cols;
            requiresGrad |= p.RequiresGrad;
        }

        var y = Rent(rows, cols, zero: false);
        y.RequiresGrad = requiresGrad && !NoGrad;
        for (var r = 0; r < rows; r++)
        {
            var dst = y.Row(r);
            var offset = 0;
            foreach (var p in parts)
            {
                p.Row(r).CopyTo(dst[offset..]);
                offset += p.Cols;
            }
        }

        if (y.RequiresGrad)
        {
            Record(new Node { Backward = ConcatBackward, Out = y, I0 = StoreOperands(parts), I1 = parts.Length });
        }

        return y;
    }

    /// <summary>Columns <paramref name="start"/> to <paramref name="start"/> + <paramref name="width"/> - 1 of <paramref name="x"/>.</summary>
    public Tensor Slice(Tensor x, int start, int width)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (start < 0 || width < 0 || start + width > x.Cols)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice [{start}, {start + width}) is outside {x.Cols} columns.");
        }

        var y = Output(x.Rows, width, x);
        for (var r = 0; r < x.Rows; r++)
        {
            x.Row(r).Slice(start, width).CopyTo(y.Row(r));
        }

        Record(new Node { Backward = SliceBackward, Out = y, A = x, I0 = start });
        return y;
    }

    /// <summary>
    /// The same values read as <paramref name="rows"/> x <paramref name="cols"/> (row-major order is kept), for
    /// example CTGAN's packing of 10 consecutive rows into one critic input. A copy, since tensors own their buffers.
    /// </summary>
    public Tensor Reshape(Tensor x, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (rows * cols != x.Length)
        {
            throw new ArgumentException($"Reshape: {x} does not hold {rows}x{cols} values.", nameof(rows));
        }

        var y = Output(rows, cols, x);
        x.Span.CopyTo(y.Span);
        Record(new Node { Backward = ReshapeBackward, Out = y, A = x });
        return y;
    }

    private static void ReshapeBackward(Tape t, in Node n)
    {
        var dx = t.GradOf(n.A!).Span;
        TensorPrimitives.Add(dx, n.Out.Grad!.Span, dx);
    }

    private static void ConcatBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!;
        var offset = 0;
        for (var i = 0; i < n.I1; i++)
        {
            var p = t.Operand(n.I0 + i);
            if (p.RequiresGrad)
            {
                var dp = t.GradOf(p);
                for (var r = 0; r < dy.Rows; r++)
                {
                    TensorPrimitives.Add(dp.Row(r), dy.Row(r).Slice(offset, p.Cols), dp.Row(r));
                }
            }

            offset += p.Cols;
        }
    }

    private static void SliceBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!;
        var dx = t.GradOf(n.A!);
        for (var r = 0; r < dy.Rows; r++)
        {
            var target = dx.Row(r).Slice(n.I0, dy.Cols);
            TensorPrimitives.Add(target, dy.Row(r), target);
        }
    }
}
