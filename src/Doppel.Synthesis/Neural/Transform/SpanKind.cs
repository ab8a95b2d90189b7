namespace Doppel.Synthesis.Neural.Transform;

/// <summary>How a neural model activates one span of the encoded row.</summary>
internal enum SpanKind
{
    /// <summary>One value in [-1, 1]: a generator ends it with tanh.</summary>
    Scalar,

    /// <summary>A one-hot group: a generator ends it with a softmax (or Gumbel-softmax).</summary>
    Softmax,
}
