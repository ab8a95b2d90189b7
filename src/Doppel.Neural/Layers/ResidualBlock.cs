using Doppel.Data;

namespace Doppel.Neural;

/// <summary>
/// CTGAN's residual block (Xu et al., 2019): <c>concat(ReLU(BN(x · W + b)), x)</c>, so the output is
/// <c>out + in</c> wide and the input passes through unchanged. (Additive residuals are <see cref="Tape.Add"/>.)
/// </summary>
internal sealed class ResidualBlock : Module
{
    /// <summary>Creates an <paramref name="inFeatures"/> → <paramref name="outFeatures"/> + <paramref name="inFeatures"/> block.</summary>
    public ResidualBlock(int inFeatures, int outFeatures, Rng rng)
    {
        Fc = Register("fc", new Linear(inFeatures, outFeatures, rng));
        Bn = Register("bn", new BatchNorm1d(outFeatures));
    }

    /// <summary>The linear layer.</summary>
    public Linear Fc { get; }

    /// <summary>The batch normalisation.</summary>
    public BatchNorm1d Bn { get; }

    /// <summary>Output width: <c>out + in</c>.</summary>
    public int OutFeatures => Fc.OutFeatures + Fc.InFeatures;

    /// <inheritdoc />
    public override Tensor Forward(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return tape.Concat(tape.Relu(Bn.Forward(tape, Fc.Forward(tape, x))), x); // (rows, out + in)
    }
}
