using System.Numerics.Tensors;

namespace Doppel.Neural;

/// <summary>
/// An exponential moving average of parameters (as TabDDPM keeps for sampling): after each optimiser step,
/// <c>shadow ← decay · shadow + (1 - decay) · p</c>.
/// </summary>
internal sealed class ExponentialMovingAverage
{
    private readonly IReadOnlyList<Tensor> _parameters;
    private readonly Tensor[] _shadow;

    /// <summary>Starts the average at the current values of <paramref name="parameters"/>.</summary>
    public ExponentialMovingAverage(IReadOnlyList<Tensor> parameters, float decay = 0.999f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (decay is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(decay), "decay must lie in [0, 1].");
        }

        (_parameters, Decay) = (parameters, decay);
        _shadow = [.. parameters.Select(p => Tensor.FromValues(p.Span, p.Rows, p.Cols))];
    }

    /// <summary>Weight of the old average.</summary>
    public float Decay { get; }

    /// <summary>The averaged tensors, in the order of the parameters.</summary>
    public IReadOnlyList<Tensor> Shadow => _shadow;

    /// <summary>Moves the average towards the current parameters.</summary>
    public void Update()
    {
        for (var i = 0; i < _shadow.Length; i++)
        {
            TensorPrimitives.Lerp(_shadow[i].Span, _parameters[i].Span, 1f - Decay, _shadow[i].Span);
        }
    }

    /// <summary>Copies the average into the parameters (for sampling or saving).</summary>
    public void CopyTo()
    {
        for (var i = 0; i < _shadow.Length; i++)
        {
            _shadow[i].Span.CopyTo(_parameters[i].Span);
        }
    }
}
