using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// The generator's output activations, span by span: tanh for a scalar, Gumbel-softmax (Jang et al., 2017) with
/// temperature τ for a one-hot group, as CTGAN's <c>_apply_activate</c>. Keeps its scratch list, so it is not
/// thread-safe; one per tape.
/// </summary>
internal sealed class SpanActivation
{
    private readonly GanSpan[] _spans;
    private readonly Tensor[] _parts;
    private readonly float _tau;

    public SpanActivation(GanLayout layout, float tau)
    {
        _spans = layout.Spans;
        _parts = new Tensor[_spans.Length];
        _tau = tau;
    }

    /// <summary>The activated rows: (rows, width), from raw generator outputs of the same shape.</summary>
    public Tensor Apply(Tape tape, Tensor raw, Rng rng)
    {
        for (var i = 0; i < _spans.Length; i++)
        {
            var (start, width, softmax) = _spans[i];
            _parts[i] = softmax ? tape.GumbelSoftmax(raw, start, width, _tau, hard: false, rng) : tape.Tanh(tape.Slice(raw, start, width));
        }

        return _spans.Length == 1 ? _parts[0] : tape.Concat(_parts);
    }
}
