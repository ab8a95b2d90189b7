using System.Numerics.Tensors;
using Doppel.Data;
using Doppel.Neural.Kernels;

namespace Doppel.Neural;

/// <summary>
/// The WGAN-GP gradient penalty (Gulrajani et al., 2017, eq. 3) of an MLP critic with its exact second-order
/// derivative: <c>P = mean_r (‖∇ₓ D(x)_r‖ - 1)²</c>, whose gradient with respect to the critic's weights is
/// back-propagated by <see cref="Tape.Backward(Tensor)"/> like any other loss term. Multiply by λ with
/// <see cref="Tape.Affine"/>.
/// <para>The critic is a <see cref="Sequential"/> of <see cref="Linear"/> layers, each hidden one optionally
/// followed by a ReLU or leaky ReLU <see cref="Activation"/> and a <see cref="Dropout"/>, ending in a
/// <see cref="Linear"/> with one output (CTGAN's and WGAN-GP's critics). For such a network the input gradient
/// is linear in each weight matrix given the activation pattern: with <c>z_l = h_{l-1} W_l + b_l</c>,
/// <c>s_l = φ'(z_l) ⊙ mask_l</c> and <c>h_l = s_l ⊙ z_l</c>, the input gradient is
/// <c>δ_{L-1} = s_{L-1} ⊙ 1·w_Lᵀ</c>, <c>δ_{l-1} = s_{l-1} ⊙ (δ_l W_lᵀ)</c>, <c>g = δ_1 W_1ᵀ</c>, and since
/// φ' is piecewise constant its derivative vanishes almost everywhere, so biases and inputs get no gradient
/// from P and the weights get the chain rule through these products only.</para>
/// </summary>
internal sealed class GradientPenalty
{
    private readonly Linear[] _layers;
    private readonly float[] _slopes;
    private readonly Dropout?[] _dropouts;
    private readonly Tensor[] _deltas;

    /// <summary>Prepares the penalty for <paramref name="critic"/>. Not thread-safe (it keeps scratch references).</summary>
    /// <exception cref="ArgumentException">The critic is not a Linear / (Leaky)ReLU / Dropout stack ending in one output.</exception>
    public GradientPenalty(Sequential critic)
    {
        ArgumentNullException.ThrowIfNull(critic);
        var layers = new List<Linear>();
        var slopes = new List<float>();
        var dropouts = new List<Dropout?>();
        foreach (var m in critic.Modules)
        {
            switch (m)
            {
                case Linear linear:
                    layers.Add(linear);
                    slopes.Add(1f);
                    dropouts.Add(null);
                    break;
                case Activation { Kind: ActivationKind.Relu or ActivationKind.LeakyRelu } a when layers.Count > 0 && slopes[^1] == 1f:
                    slopes[^1] = a.Kind == ActivationKind.Relu ? 0f : a.Slope;
                    break;
                case Dropout d when layers.Count > 0 && dropouts[^1] is null:
                    dropouts[^1] = d;
                    break;
                default:
                    throw new ArgumentException($"GradientPenalty supports Linear, ReLU/LeakyReLU and Dropout stacks; found {m.GetType().Name} out of place.", nameof(critic));
            }
        }

        if (layers.Count < 2 || layers[^1].OutFeatures != 1 || slopes[^1] != 1f || dropouts[^1] is not null)
        {
            throw new ArgumentException("The critic must have a hidden layer and end in a Linear layer with one output.", nameof(critic));
        }

        (_layers, _slopes, _dropouts) = ([.. layers], [.. slopes], [.. dropouts]);
        _deltas = new Tensor[layers.Count - 1];
    }

    /// <summary>
    /// The penalty at inputs <paramref name="x"/> (rows, in), (1, 1). Dropout masks (in training mode) are drawn
    /// from <paramref name="rng"/>, as a separate critic pass would draw them.
    /// </summary>
    public Tensor Forward(Tape tape, Tensor x, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        if (x.Cols != _layers[0].InFeatures)
        {
            throw new ArgumentException($"GradientPenalty: input {x} does not fit the critic's {_layers[0].InFeatures} inputs.", nameof(x));
        }

        int rows = x.Rows, hidden = _layers.Length - 1;
        var first = -1;
        var h = x;
        for (var l = 0; l < hidden; l++)
        {
            var (w, b, width) = (_layers[l].Weight, _layers[l].Bias, _layers[l].OutFeatures);
            var z = tape.Rent(rows, width, zero: b is null);
            for (var r = 0; b is not null && r < rows; r++)
            {
                b.Span.CopyTo(z.Row(r));
            }

            Gemm.Multiply(h.Span, w.Span, z.Span, rows, width, h.Cols, accumulate: b is not null, maxThreads: tape.MaxThreads);
            var dropout = _dropouts[l] is { Training: true, P: > 0f } d ? d.P : 0f;
            var s = dropout > 0f ? tape.DropoutMask(rows, width, dropout, rng) : Fill(tape.Rent(rows, width, zero: false), 1f);
            SlopeMask(z.Span, _slopes[l], s.Span);
            h = tape.Rent(rows, width, zero: false);
            TensorPrimitives.Multiply(z.Span, s.Span, h.Span);
            var index = tape.StoreOperand(s);
            first = first < 0 ? index : first;
        }

        // δ_l, last hidden layer first; stored after the s's in layer order.
        var deltas = _deltas;
        var sLast = tape.Operand(first + hidden - 1);
        deltas[hidden - 1] = tape.Rent(rows, sLast.Cols, zero: false);
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Multiply(sLast.Row(r), _layers[hidden].Weight.Span, deltas[hidden - 1].Row(r));
        }

        for (var l = hidden - 1; l > 0; l--)
        {
            var d = tape.Rent(rows, _layers[l].InFeatures, zero: false);
            Gemm.Multiply(deltas[l].Span, _layers[l].Weight.Span, d.Span, rows, d.Cols, deltas[l].Cols, false, true, false, tape.MaxThreads);
            TensorPrimitives.Multiply(d.Span, tape.Operand(first + l - 1).Span, d.Span);
            deltas[l - 1] = d;
        }

        var g = tape.Rent(rows, x.Cols, zero: false);
        Gemm.Multiply(deltas[0].Span, _layers[0].Weight.Span, g.Span, rows, x.Cols, deltas[0].Cols, false, true, false, tape.MaxThreads);
        foreach (var d in deltas)
        {
            tape.StoreOperand(d);
        }

        var norms = tape.Rent(rows, 1, zero: false);
        var penalty = 0.0;
        for (var r = 0; r < rows; r++)
        {
            norms.Span[r] = TensorPrimitives.Norm<float>(g.Row(r));
            penalty += (norms.Span[r] - 1.0) * (norms.Span[r] - 1.0);
        }

        var y = tape.Output(1, 1, _layers[0].Weight);
        y.Span[0] = (float)(penalty / Math.Max(1, rows));
        tape.Record(new Node { Backward = PenaltyBackward, Out = y, A = x, C = norms, D = g, I0 = first, Obj = this });
        return y;
    }

    private static Tensor Fill(Tensor t, float value)
    {
        t.Span.Fill(value);
        return t;
    }

    // s ← s · φ'(z), with φ'(z) = 1 for z > 0 and the slope otherwise.
    private static void SlopeMask(ReadOnlySpan<float> z, float slope, Span<float> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = z[i] > 0f ? s[i] : s[i] * slope;
        }
    }

    // Ḡ = c · 2/B · (n_r - 1)/n_r · g_r; then for g = δ_0 W_0ᵀ: W̄_0 += Ḡᵀ δ_0, δ̄_0 = Ḡ W_0; for each
    // δ_{l-1} = s_{l-1} ⊙ (δ_l W_lᵀ): ū = δ̄_{l-1} ⊙ s_{l-1}, W̄_l += ūᵀ δ_l, δ̄_l = ū W_l; finally
    // δ_last = s_last ⊙ 1·wᵀ gives w̄ += Σ_r ū_r with ū = δ̄_last ⊙ s_last.
    private static void PenaltyBackward(Tape t, in Node n)
    {
        var self = (GradientPenalty)n.Obj!;
        var (g, norms, rows, hidden) = (n.D!, n.C!, n.D!.Rows, self._layers.Length - 1);
        var c = n.Out.Grad!.Span[0] * 2f / Math.Max(1, rows);
        var bar = t.Rent(rows, g.Cols, zero: false);
        for (var r = 0; r < rows; r++)
        {
            var norm = norms.Span[r];
            TensorPrimitives.Multiply(g.Row(r), norm > 0f ? c * (norm - 1f) / norm : 0f, bar.Row(r));
        }

        for (var l = 0; l < hidden; l++)
        {
            var (w, delta) = (self._layers[l].Weight, t.Operand(n.I0 + hidden + l));
            if (w.RequiresGrad)
            {
                Gemm.Multiply(bar.Span, delta.Span, t.GradOf(w).Span, w.Rows, w.Cols, rows, true, false, true, t.MaxThreads);
            }

            var deltaBar = t.Rent(rows, w.Cols, zero: false);
            Gemm.Multiply(bar.Span, w.Span, deltaBar.Span, rows, w.Cols, w.Rows, false, false, false, t.MaxThreads);
            TensorPrimitives.Multiply(deltaBar.Span, t.Operand(n.I0 + l).Span, deltaBar.Span);
            bar = deltaBar;
        }

        var last = self._layers[hidden].Weight;
        if (last.RequiresGrad)
        {
            Tape.AddColumnSums(bar, t.GradOf(last).Span);
        }
    }
}
