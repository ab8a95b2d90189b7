namespace Doppel.Neural;

/// <summary>Inverted dropout with probability <see cref="P"/> in training mode (drawing from <see cref="Tape.Rng"/>); identity in evaluation mode.</summary>
internal sealed class Dropout : Module
{
    /// <summary>Creates a dropout layer; PyTorch's default p is 0.5.</summary>
    public Dropout(float p = 0.5f)
    {
        if (p is < 0f or >= 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "p must lie in [0, 1).");
        }

        P = p;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float P { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tape tape, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return Training && P > 0f ? tape.Dropout(x, P, tape.Rng) : x;
    }
}
