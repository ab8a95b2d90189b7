using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// The settings <see cref="WassersteinTrainer"/> shares between <c>wgan</c> and <c>wgan-gp</c>: a positive
/// <c>PenaltyWeight</c> (λ) selects the gradient penalty, otherwise the critic's weights are clipped to ±<c>ClipValue</c>.
/// </summary>
internal sealed record WassersteinSetup(
    int BatchSize, int CriticSteps, int EmbeddingDim, IReadOnlyList<int> GeneratorDims, IReadOnlyList<int> CriticDims,
    float Tau, float PenaltyWeight, float ClipValue, Func<IReadOnlyList<Tensor>, Optimizer> MakeOptimizer)
{
    public static WassersteinSetup From(WganOptions o) => new(o.BatchSize, o.CriticSteps, o.EmbeddingDim, o.GeneratorDims, o.CriticDims,
        (float)o.GumbelTau, 0f, (float)o.ClipValue, p => new RmsProp(p, (float)o.LearningRate));

    public static WassersteinSetup From(WganGpOptions o) => new(o.BatchSize, o.CriticSteps, o.EmbeddingDim, o.GeneratorDims, o.CriticDims,
        (float)o.GumbelTau, (float)o.PenaltyWeight, 0f, p => new Adam(p, (float)o.LearningRate, (float)o.Beta1, (float)o.Beta2));
}

/// <summary>
/// One Wasserstein GAN training step at a time: <c>n_critic</c> critic updates on
/// <c>mean D(fake) - mean D(real)</c>, each followed by weight clipping (Arjovsky et al., 2017, algorithm 1) or
/// carrying the gradient penalty (Gulrajani et al., 2017, algorithm 1), then one generator update on
/// <c>-mean D(fake)</c>. A step draws only from the stream it is given, so resumed training continues exactly as it
/// would have. An epoch passes over the rows once in critic batches: max(1, rows / (batch · n_critic)) steps.
/// </summary>
internal sealed class WassersteinTrainer : ITrainingStep
{
    /// <summary>Names of the losses <see cref="Step"/> reports, in order.</summary>
    public static readonly ImmutableArray<string> Losses = ["generator", "critic", "penalty"];

    private readonly WassersteinSetup _setup;
    private readonly GanLayout _layout;
    private readonly float[] _data;
    private readonly int _rows;
    private readonly SpanActivation _activation;
    private readonly GradientPenalty? _penalty;
    private readonly Tape _tape;

    /// <summary>Prepares training; without <paramref name="generator"/> and <paramref name="critic"/> (a resumed fit's), new ones are drawn from <paramref name="init"/>.</summary>
    public WassersteinTrainer(WassersteinSetup setup, GanLayout layout, float[] data, int rows, Rng init, int maxThreads,
        Sequential? generator = null, Sequential? critic = null)
    {
        (_setup, _layout, _data, _rows) = (setup, layout, data, rows);
        Generator = generator ?? NewGenerator(setup, layout, init);
        Critic = critic ?? NewCritic(setup, layout, init);
        _penalty = setup.PenaltyWeight > 0 ? new GradientPenalty(Critic) : null;
        GeneratorOptimizer = setup.MakeOptimizer(Generator.Parameters());
        CriticOptimizer = setup.MakeOptimizer(Critic.Parameters());
        _activation = new SpanActivation(layout, setup.Tau);
        _tape = new Tape(init) { MaxThreads = maxThreads };
        Optimizers = [GeneratorOptimizer, CriticOptimizer];
    }

    public Sequential Generator { get; }

    public Sequential Critic { get; }

    public Optimizer GeneratorOptimizer { get; }

    public Optimizer CriticOptimizer { get; }

    /// <inheritdoc />
    public ImmutableArray<string> LossNames => Losses;

    /// <inheritdoc />
    public IReadOnlyList<Optimizer> Optimizers { get; }

    /// <summary>The plan: each step takes n_critic batches of real rows.</summary>
    public static TrainingPlan Plan(WassersteinSetup setup, int epochs, int rows) => new(rows, setup.BatchSize * setup.CriticSteps, epochs, DropLast: true);

    /// <summary>The generator MLP: noise in, encoded row out.</summary>
    public static Sequential NewGenerator(WassersteinSetup setup, GanLayout layout, Rng rng) =>
        GanNetworks.MlpGenerator(setup.EmbeddingDim, setup.GeneratorDims, layout.Width, rng);

    /// <summary>The critic MLP: encoded row in, one score out.</summary>
    public static Sequential NewCritic(WassersteinSetup setup, GanLayout layout, Rng rng) => GanNetworks.Critic(layout.Width, setup.CriticDims, 0f, rng);

    /// <summary>
    /// Runs one training step drawing from <paramref name="rng"/>: critic step k takes its real rows from the k-th
    /// slice of <paramref name="batch"/> (cycling when the table is smaller). Writes the losses in <see cref="Losses"/> order.
    /// </summary>
    public void Step(ReadOnlySpan<int> batch, Rng rng, Span<double> losses)
    {
        _tape.Rng = rng;
        for (var k = 0; k < _setup.CriticSteps; k++)
        {
            (losses[1], losses[2]) = CriticStep(batch, k * _setup.BatchSize, rng);
        }

        losses[0] = GeneratorStep(rng);
    }

    private (double Critic, double Penalty) CriticStep(ReadOnlySpan<int> rows, int offset, Rng rng)
    {
        var batch = _setup.BatchSize;
        var width = _layout.Width;
        _tape.Reset();
        _tape.NoGrad = true;
        var fake = _activation.Apply(_tape, Generator.Forward(_tape, _tape.RandomNormal(batch, _setup.EmbeddingDim, rng)), rng);
        _tape.NoGrad = false;
        var both = _tape.Input(2 * batch, width, zero: false); // (fake rows, then real rows)
        fake.Span.CopyTo(both.Span);
        for (var r = 0; r < batch; r++)
        {
            var row = rows.Length > 0 ? rows[(offset + r) % rows.Length] : rng.Next(_rows);
            _data.AsSpan(row * width, width).CopyTo(both.Row(batch + r));
        }

        var sign = _tape.Input(2 * batch, 1, zero: false);
        sign.Span[..batch].Fill(1f / batch);
        sign.Span[batch..].Fill(-1f / batch);
        var loss = _tape.Sum(_tape.Mul(Critic.Forward(_tape, both), sign));
        var wasserstein = loss.Scalar;
        var penalty = 0.0;
        if (_penalty is not null)
        {
            // x̂ = α real + (1 - α) fake, one α per row (Gulrajani et al., 2017, algorithm 1, line 6).
            var x = _tape.Input(batch, width, zero: false);
            for (var r = 0; r < batch; r++)
            {
                TensorPrimitives.Lerp(both.Row(r), both.Row(batch + r), rng.NextSingleValue(), x.Row(r));
            }

            var gp = _penalty.Forward(_tape, x, rng);
            penalty = gp.Scalar;
            loss = _tape.Add(loss, _tape.Affine(gp, _setup.PenaltyWeight));
        }

        CriticOptimizer.ZeroGrad();
        _tape.Backward(loss);
        CriticOptimizer.Step();
        if (_penalty is null)
        {
            Clipping.ClipWeights(CriticOptimizer.Parameters, _setup.ClipValue);
        }

        return (wasserstein, penalty);
    }

    private double GeneratorStep(Rng rng)
    {
        _tape.Reset();
        var fake = _activation.Apply(_tape, Generator.Forward(_tape, _tape.RandomNormal(_setup.BatchSize, _setup.EmbeddingDim, rng)), rng);
        Critic.SetRequiresGrad(false);
        var loss = _tape.Affine(_tape.Mean(Critic.Forward(_tape, fake)), -1f);
        GeneratorOptimizer.ZeroGrad();
        _tape.Backward(loss);
        GeneratorOptimizer.Step();
        Critic.SetRequiresGrad(true);
        return loss.Scalar;
    }
}
