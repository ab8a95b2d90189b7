namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>
    /// Sorts every row ascending (for quantile and Wasserstein losses). The gradient is routed back through the
    /// permutation, so it is exact wherever the values are distinct.
    /// </summary>
    public Tensor SortRows(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Output(x.Rows, x.Cols, x);
        var perm = RentInts(x.Length);
        var keys = Rent(1, x.Cols, zero: false).Span;
        for (var r = 0; r < x.Rows; r++)
        {
            var p = perm.AsSpan(r * x.Cols, x.Cols);
            for (var j = 0; j < p.Length; j++)
            {
                p[j] = j;
            }

            x.Row(r).CopyTo(keys);
            keys.Sort(p);
            keys.CopyTo(y.Row(r));
        }

        Record(new Node { Backward = SortBackward, Out = y, A = x, Obj = perm });
        return y;
    }

    // y[r, j] = x[r, perm[r, j]], so dx[r, perm[r, j]] += dy[r, j].
    private static void SortBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!;
        var dx = t.GradOf(n.A!);
        var perm = (int[])n.Obj!;
        for (var r = 0; r < dy.Rows; r++)
        {
            var g = dy.Row(r);
            var d = dx.Row(r);
            for (var j = 0; j < g.Length; j++)
            {
                d[perm[(r * g.Length) + j]] += g[j];
            }
        }
    }
}
