using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Tvae;

/// <summary>
/// One TVAE step (Xu et al., 2019, §4.3): encode the batch to q(z | x) = N(μ, diag(σ²)), draw z = μ + σ ε, decode,
/// and minimise loss factor × reconstruction / rows + KL(q ‖ N(0, I)) / rows with Adam; then clamp the decoder's
/// sigmas to [0.01, 1] as the reference does.
/// </summary>
internal sealed class TvaeTrainer : ITrainingStep
{
    private readonly TvaeEncoder _encoder;
    private readonly TvaeDecoder _decoder;
    private readonly float[] _data;
    private readonly int _width;
    private readonly int[] _scalars;
    private readonly int[] _spans;
    private readonly float _lossFactor;
    private readonly Adam _adam;
    private readonly Tape _tape;

    public TvaeTrainer(TvaeEncoder encoder, TvaeDecoder decoder, float[] data, DataTransformer transformer, TvaeOptions options, int maxThreads)
    {
        (_encoder, _decoder, _data, _width) = (encoder, decoder, data, transformer.Width);
        (_scalars, _spans) = Layout(transformer);
        _lossFactor = (float)options.LossFactor;
        _adam = new Adam([.. encoder.Parameters(), .. decoder.Parameters()], (float)options.LearningRate, weightDecay: (float)options.WeightDecay);
        _tape = new Tape(new Rng(0)) { MaxThreads = maxThreads };
    }

    public ImmutableArray<string> LossNames { get; } = ["reconstruction", "kl"];

    public IReadOnlyList<Optimizer> Optimizers => [_adam];

    /// <summary>The scalar columns and the softmax spans as (start, width) pairs, as the fused loss takes them.</summary>
    internal static (int[] Scalars, int[] Spans) Layout(DataTransformer transformer) =>
        ([.. transformer.Spans.Where(s => s.Kind == SpanKind.Scalar).Select(s => s.Start)],
         [.. transformer.Spans.Where(s => s.Kind == SpanKind.Softmax).SelectMany(s => new[] { s.Start, s.Width })]);

    public void Step(ReadOnlySpan<int> batch, Rng rng, Span<double> losses)
    {
        var tape = _tape;
        tape.Reset();
        tape.Rng = rng;
        var rows = batch.Length;
        var x = tape.Input(rows, _width, zero: false); // (rows, width)
        for (var r = 0; r < rows; r++)
        {
            _data.AsSpan(batch[r] * _width, _width).CopyTo(x.Row(r));
        }

        var (mu, logVar) = _encoder.Encode(tape, x); // (rows, embedding) each
        var std = tape.Exp(tape.Affine(logVar, 0.5f));
        var z = tape.Add(tape.Mul(tape.RandomNormal(mu.Rows, mu.Cols, rng), std), mu);
        var reconstruction = _decoder.Forward(tape, z); // (rows, width)
        var lossReconstruction = tape.SpanReconstructionLoss(reconstruction, x, _decoder.Sigma, _scalars, _spans, _lossFactor / rows);
        var lossKl = tape.KlStandardNormal(mu, logVar);
        _adam.ZeroGrad();
        tape.Backward(tape.Add(lossReconstruction, lossKl));
        _adam.Step();
        var sigma = _decoder.Sigma.Span;
        for (var j = 0; j < sigma.Length; j++)
        {
            sigma[j] = Math.Clamp(sigma[j], 0.01f, 1f);
        }

        losses[0] = lossReconstruction.Scalar;
        losses[1] = lossKl.Scalar;
    }
}
