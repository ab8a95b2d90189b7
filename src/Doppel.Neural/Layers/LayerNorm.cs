namespace Doppel.Neural;

/// <summary>Layer normalisation over each row's features, with learnable γ (initially 1) and β (initially 0).</summary>
internal sealed class LayerNorm : Module
{
    /// <summary>Creates a layer over <paramref name="features"/> columns.</summary>
    public LayerNorm(int features, float eps = 1e-5f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        Eps = eps;
        Weight = Register("weight", Tensor.Parameter(1, features));
        Weight.Span.Fill(1f);
        Bias = Register("bias", Tensor.Parameter(1, features));
    }

    /// <summary>γ, (1, features).</summary>
    public Tensor Weight { get; }

    /// <summary>β, (1, features).</summary>
    public Tensor Bias { get; }

    /// <summary>Added to the variance.</summary>
    public float Eps { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return tape.LayerNorm(x, Weight, Bias, Eps);
    }
}
