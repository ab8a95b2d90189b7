using System.Numerics.Tensors;

namespace Doppel.Neural;

/// <summary>
/// RMSprop (Tieleman and Hinton, 2012) with PyTorch's defaults and no momentum: the optimiser of the original
/// WGAN (Arjovsky et al., 2017, algorithm 1), where momentum-based methods made the critic unstable.
/// </summary>
internal sealed class RmsProp : Optimizer
{
    private readonly float[][] _square;
    private readonly float[] _scratch;

    /// <summary>Creates RMSprop; defaults lr 1e-2, alpha 0.99, eps 1e-8 (PyTorch's).</summary>
    public RmsProp(IReadOnlyList<Tensor> parameters, float learningRate = 1e-2f, float alpha = 0.99f, float eps = 1e-8f)
        : base(parameters, learningRate)
    {
        if (alpha is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), "alpha must lie in [0, 1).");
        }

        (Alpha, Eps) = (alpha, eps);
        _square = [.. parameters.Select(p => new float[p.Length])];
        _scratch = new float[parameters.Count == 0 ? 0 : parameters.Max(p => p.Length)];
    }

    /// <summary>Decay rate of the running mean of squared gradients.</summary>
    public float Alpha { get; }

    /// <summary>Added to the root of that mean.</summary>
    public float Eps { get; }

    /// <summary>The running means of squared gradients, one per parameter.</summary>
    public override IReadOnlyList<float[]> StateBuffers => _square;

    /// <summary>v ← α v + (1 - α) g²; p ← p - lr · g / (√v + eps).</summary>
    public override void Step()
    {
        StepCount++;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i].Span;
            var g = Parameters[i].Grad!.Span;
            var v = _square[i].AsSpan();
            var tmp = _scratch.AsSpan(0, p.Length);
            TensorPrimitives.Multiply(g, g, tmp);
            TensorPrimitives.Lerp(v, tmp, 1f - Alpha, v);
            TensorPrimitives.Sqrt(v, tmp);
            TensorPrimitives.Add(tmp, Eps, tmp);
            TensorPrimitives.Divide(g, tmp, tmp);
            TensorPrimitives.MultiplyAdd(tmp, -LearningRate, p, p);
        }
    }
}
