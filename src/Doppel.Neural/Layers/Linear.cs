using Doppel.Data;

namespace Doppel.Neural;

/// <summary>
/// Fully connected layer <c>y = x · W + b</c>. <c>W</c> is stored (in, out), the transpose of PyTorch's layout,
/// so the forward product needs no transpose. Initialised like PyTorch: W and b uniform in ±1/√in.
/// </summary>
internal sealed class Linear : Module
{
    /// <summary>Creates an <paramref name="inFeatures"/> → <paramref name="outFeatures"/> layer initialised from <paramref name="rng"/>.</summary>
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(rng);
        var bound = 1f / MathF.Sqrt(inFeatures);
        Weight = Register("weight", Init(Tensor.Parameter(inFeatures, outFeatures), bound, rng));
        Bias = bias ? Register("bias", Init(Tensor.Parameter(1, outFeatures), bound, rng)) : null;
    }

    /// <summary>The weight, (in, out).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias, (1, out), or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Input width.</summary>
    public int InFeatures => Weight.Rows;

    /// <summary>Output width.</summary>
    public int OutFeatures => Weight.Cols;

    /// <inheritdoc />
    public override Tensor Forward(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return tape.Linear(x, Weight, Bias);
    }

    private static Tensor Init(Tensor t, float bound, Rng rng)
    {
        var s = t.Span;
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = ((2f * rng.NextSingleValue()) - 1f) * bound;
        }

        return t;
    }
}
