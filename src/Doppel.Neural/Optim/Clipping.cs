using System.Numerics.Tensors;

namespace Doppel.Neural;

/// <summary>Gradient-norm clipping and weight clipping.</summary>
internal static class Clipping
{
    /// <summary>
    /// Scales all gradients by <c>maxNorm / (‖g‖ + 1e-6)</c> when their joint L2 norm exceeds
    /// <paramref name="maxNorm"/> (PyTorch's <c>clip_grad_norm_</c>). Returns the norm before clipping.
    /// </summary>
    public static float ClipGradNorm(IReadOnlyList<Tensor> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        var sum = 0.0;
        for (var i = 0; i < parameters.Count; i++)
        {
            sum += TensorPrimitives.SumOfSquares<float>(parameters[i].Grad!.Span);
        }

        var norm = (float)Math.Sqrt(sum);
        if (norm > maxNorm)
        {
            var scale = maxNorm / (norm + 1e-6f);
            for (var i = 0; i < parameters.Count; i++)
            {
                TensorPrimitives.Multiply(parameters[i].Grad!.Span, scale, parameters[i].Grad!.Span);
            }
        }

        return norm;
    }

    /// <summary>Clamps every weight to [-<paramref name="limit"/>, <paramref name="limit"/>] (the original WGAN's Lipschitz constraint).</summary>
    public static void ClipWeights(IReadOnlyList<Tensor> parameters, float limit)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        for (var i = 0; i < parameters.Count; i++)
        {
            TensorPrimitives.Clamp(parameters[i].Span, -limit, limit, parameters[i].Span);
        }
    }
}
