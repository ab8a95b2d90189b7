namespace Doppel.Neural;

/// <summary>The element-wise activations a <see cref="Activation"/> module can apply.</summary>
internal enum ActivationKind
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    LeakyRelu,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>x · sigmoid(x).</summary>
    Silu,
}

/// <summary>An element-wise activation as a module, for <see cref="Sequential"/> stacks.</summary>
internal sealed class Activation : Module
{
    /// <summary>Creates the activation; <paramref name="slope"/> is used by <see cref="ActivationKind.LeakyRelu"/> (PyTorch default 0.01).</summary>
    public Activation(ActivationKind kind, float slope = 0.01f) => (Kind, Slope) = (kind, slope);

    /// <summary>Which activation.</summary>
    public ActivationKind Kind { get; }

    /// <summary>Negative slope of the leaky ReLU.</summary>
    public float Slope { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return Kind switch
        {
            ActivationKind.Relu => tape.Relu(x),
            ActivationKind.LeakyRelu => tape.LeakyRelu(x, Slope),
            ActivationKind.Tanh => tape.Tanh(x),
            ActivationKind.Sigmoid => tape.Sigmoid(x),
            _ => tape.Silu(x),
        };
    }
}
