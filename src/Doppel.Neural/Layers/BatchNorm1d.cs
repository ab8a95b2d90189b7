namespace Doppel.Neural;

/// <summary>
/// Batch normalisation over a batch of feature rows, with PyTorch's defaults (eps 1e-5, momentum 0.1, γ = 1,
/// β = 0, running mean 0 and variance 1). Training mode normalises with batch statistics and updates the running
/// ones; evaluation mode uses the running ones.
/// </summary>
internal sealed class BatchNorm1d : Module
{
    /// <summary>Creates a layer over <paramref name="features"/> columns.</summary>
    public BatchNorm1d(int features, float eps = 1e-5f, float momentum = 0.1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        (Eps, Momentum) = (eps, momentum);
        Weight = Register("weight", Tensor.Parameter(1, features));
        Weight.Span.Fill(1f);
        Bias = Register("bias", Tensor.Parameter(1, features));
        RunningMean = Register("running_mean", new Tensor(1, features), trainable: false);
        RunningVar = Register("running_var", new Tensor(1, features), trainable: false);
        RunningVar.Span.Fill(1f);
    }

    /// <summary>γ, (1, features).</summary>
    public Tensor Weight { get; }

    /// <summary>β, (1, features).</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean, (1, features).</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance, (1, features).</summary>
    public Tensor RunningVar { get; }

    /// <summary>Added to the variance.</summary>
    public float Eps { get; }

    /// <summary>Weight of the new batch in the running statistics.</summary>
    public float Momentum { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return tape.BatchNorm(x, Weight, Bias, RunningMean, RunningVar, Training, Momentum, Eps);
    }
}
