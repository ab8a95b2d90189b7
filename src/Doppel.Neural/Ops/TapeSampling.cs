using System.Numerics.Tensors;
using Doppel.Data;

namespace Doppel.Neural;

internal sealed partial class Tape
{
    /// <summary>
    /// Inverted dropout: each element is zeroed with probability <paramref name="p"/> and the rest scaled by
    /// <c>1 / (1 - p)</c>, so the expectation is unchanged. Draws one uniform per element from <paramref name="rng"/>.
    /// </summary>
    public Tensor Dropout(Tensor x, float p, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        if (p is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "p must lie in [0, 1).");
        }

        var mask = DropoutMask(x.Rows, x.Cols, p, rng);
        var y = Output(x.Rows, x.Cols, x);
        TensorPrimitives.Multiply(x.Span, mask.Span, y.Span);
        Record(new Node { Backward = DropoutBackward, Out = y, A = x, C = mask });
        return y;
    }

    /// <summary>
    /// Rows of <paramref name="table"/> (n, dim) picked by <paramref name="indices"/>: (indices.Length, dim).
    /// The gradient is added back into the picked rows.
    /// </summary>
    public Tensor Embedding(Tensor table, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(table);
        var y = Output(indices.Length, table.Cols, table);
        var saved = RentInts(indices.Length);
        for (var r = 0; r < indices.Length; r++)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)indices[r], (uint)table.Rows, nameof(indices));
            table.Row(indices[r]).CopyTo(y.Row(r));
            saved[r] = indices[r];
        }

        Record(new Node { Backward = EmbeddingBackward, Out = y, A = table, Obj = saved });
        return y;
    }

    /// <summary>
    /// Sinusoidal embeddings of (diffusion) timesteps, as in TabDDPM and Vaswani et al. (2017):
    /// <c>[cos(t f_i), sin(t f_i)]</c> with <c>f_i = maxPeriod^(-i / half)</c>; a zero column pads odd widths.
    /// A constant (no gradient): (timesteps.Length, dim).
    /// </summary>
    public Tensor TimestepEmbedding(ReadOnlySpan<float> timesteps, int dim, float maxPeriod = 10000f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        var y = Rent(timesteps.Length, dim, zero: true);
        var half = dim / 2;
        for (var r = 0; r < timesteps.Length; r++)
        {
            var row = y.Row(r);
            for (var i = 0; i < half; i++)
            {
                var angle = timesteps[r] * MathF.Exp(-MathF.Log(maxPeriod) * i / half);
                row[i] = MathF.Cos(angle);
                row[half + i] = MathF.Sin(angle);
            }
        }

        return y;
    }

    /// <summary>
    /// A (rows, cols) tensor of standard normal draws (no gradient), by the Box-Muller transform over uniforms from
    /// <paramref name="rng"/>, vectorised: <c>√(-2 ln u₁) cos(2π u₂)</c> and <c>√(-2 ln u₁) sin(2π u₂)</c>.
    /// </summary>
    public Tensor RandomNormal(int rows, int cols, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var y = Rent(rows, cols, zero: false);
        var half = (y.Length + 1) / 2;
        var radius = Rent(1, half, zero: false).Span;
        var angle = Rent(1, half, zero: false).Span;
        for (var i = 0; i < half; i++)
        {
            radius[i] = 1f - rng.NextSingleValue(); // in (0, 1], so the logarithm is finite
            angle[i] = rng.NextSingleValue() * 2f * MathF.PI;
        }

        TensorPrimitives.Log(radius, radius);
        TensorPrimitives.Multiply(radius, -2f, radius);
        TensorPrimitives.Sqrt(radius, radius);
        var values = y.Span;
        TensorPrimitives.Cos(angle[..(values.Length / 2)], values[..(values.Length / 2)]);
        TensorPrimitives.Multiply(values[..(values.Length / 2)], radius[..(values.Length / 2)], values[..(values.Length / 2)]);
        TensorPrimitives.Sin(angle, values[(values.Length / 2)..]);
        TensorPrimitives.Multiply(values[(values.Length / 2)..], radius, values[(values.Length / 2)..]);
        return y;
    }

    internal Tensor DropoutMask(int rows, int cols, float p, Rng rng)
    {
        var mask = Rent(rows, cols, zero: false);
        var keep = 1f / (1f - p);
        var span = mask.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = rng.NextSingleValue() < p ? 0f : keep;
        }

        return mask;
    }

    private static void DropoutBackward(Tape t, in Node n)
    {
        var dx = t.GradOf(n.A!).Span;
        TensorPrimitives.FusedMultiplyAdd(n.Out.Grad!.Span, n.C!.Span, dx, dx);
    }

    private static void EmbeddingBackward(Tape t, in Node n)
    {
        var dy = n.Out.Grad!;
        var dTable = t.GradOf(n.A!);
        var indices = (int[])n.Obj!;
        for (var r = 0; r < dy.Rows; r++)
        {
            var target = dTable.Row(indices[r]);
            TensorPrimitives.Add(target, dy.Row(r), target);
        }
    }
}
