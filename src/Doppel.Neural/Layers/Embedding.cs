using Doppel.Data;

namespace Doppel.Neural;

/// <summary>A lookup table of <c>count</c> learnable vectors of width <c>dim</c>, initialised N(0, 1) as in PyTorch.</summary>
internal sealed class Embedding : Module
{
    /// <summary>Creates <paramref name="count"/> vectors of width <paramref name="dim"/>.</summary>
    public Embedding(int count, int dim, Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentNullException.ThrowIfNull(rng);
        Weight = Register("weight", Tensor.Parameter(count, dim));
        rng.FillGaussian(Weight.Span);
    }

    /// <summary>The table, (count, dim).</summary>
    public Tensor Weight { get; }

    /// <summary>The rows for <paramref name="indices"/>: (indices.Length, dim).</summary>
    public Tensor Forward(Tape tape, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return tape.Embedding(Weight, indices);
    }

    /// <summary>The rows for the indices held (as whole numbers) in the single column of <paramref name="x"/>.</summary>
    public override Tensor Forward(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        var indices = tape.RentInts(x.Rows).AsSpan(0, x.Rows);
        for (var r = 0; r < x.Rows; r++)
        {
            indices[r] = (int)x[r, 0];
        }

        return tape.Embedding(Weight, indices);
    }
}
