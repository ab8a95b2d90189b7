using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// One CTGAN training step at a time (Xu et al., 2019, algorithm 1 with the reference's defaults): critic steps
/// with the PacGAN packing and the gradient penalty, then a generator step whose loss adds the cross-entropy
/// of the conditioned column. A step draws only from the stream it is given, so training resumed from a checkpoint
/// continues exactly as it would have. Buffers come from one tape; a step allocates nothing once warm.
/// </summary>
internal sealed class CtganTrainer : ITrainingStep
{
    /// <summary>Names of the losses <see cref="Step"/> reports, in order.</summary>
    public static readonly ImmutableArray<string> Losses = ["generator", "critic", "penalty"];

    private readonly CtganOptions _options;
    private readonly GanLayout _layout;
    private readonly ConditionalSampler _sampler;
    private readonly float[] _data;
    private readonly int _rows;
    private readonly SpanActivation _activation;
    private readonly GradientPenalty _penalty;
    private readonly Tape _tape;
    private readonly int[] _columns;
    private readonly int[] _categories;
    private readonly int[] _permutation;

    /// <summary>Prepares training; without <paramref name="generator"/> and <paramref name="critic"/> (a resumed fit's), new ones are drawn from <paramref name="init"/>.</summary>
    public CtganTrainer(CtganOptions options, GanLayout layout, float[] data, int rows, Rng init, int maxThreads,
        Sequential? generator = null, Sequential? critic = null)
    {
        (_options, _layout, _data, _rows) = (options, layout, data, rows);
        var categories = ConditionalSampler.Categorize(data, rows, layout.Width, layout.Blocks);
        _sampler = new ConditionalSampler(layout.Counts, categories, options.LogFrequency);
        Generator = generator ?? NewGenerator(options, layout, init);
        Critic = critic ?? NewCritic(options, layout, init);
        _penalty = new GradientPenalty(Critic);
        var (lr, b1, b2, decay) = ((float)options.LearningRate, (float)options.Beta1, (float)options.Beta2, (float)options.WeightDecay);
        GeneratorOptimizer = new Adam(Generator.Parameters(), lr, b1, b2, weightDecay: decay);
        CriticOptimizer = new Adam(Critic.Parameters(), lr, b1, b2, weightDecay: decay);
        _activation = new SpanActivation(layout, (float)options.GumbelTau);
        _tape = new Tape(init) { MaxThreads = maxThreads };
        (_columns, _categories, _permutation) = (new int[options.BatchSize], new int[options.BatchSize], new int[options.BatchSize]);
        Optimizers = [GeneratorOptimizer, CriticOptimizer];
    }

    public Sequential Generator { get; }

    public Sequential Critic { get; }

    public Adam GeneratorOptimizer { get; }

    public Adam CriticOptimizer { get; }

    /// <inheritdoc />
    public ImmutableArray<string> LossNames => Losses;

    /// <inheritdoc />
    public IReadOnlyList<Optimizer> Optimizers { get; }

    private int CondWidth => _sampler.Width;

    private int Batch => _options.BatchSize;

    /// <summary>The plan: epochs of max(1, rows / batch) steps, as the reference.</summary>
    public static TrainingPlan Plan(CtganOptions options, int rows) => new(rows, options.BatchSize, options.Epochs, DropLast: true);

    /// <summary>The generator's input is noise plus the conditional vector; its output the encoded row.</summary>
    public static Sequential NewGenerator(CtganOptions options, GanLayout layout, Rng rng) =>
        GanNetworks.ResidualGenerator(options.EmbeddingDim + layout.Counts.Sum(c => c.Length), options.GeneratorDims, layout.Width, rng);

    /// <summary>The critic judges <c>pac</c> rows (each with its conditional vector) at once.</summary>
    public static Sequential NewCritic(CtganOptions options, GanLayout layout, Rng rng) =>
        GanNetworks.Critic((layout.Width + layout.Counts.Sum(c => c.Length)) * options.Pac, options.DiscriminatorDims, 0.5f, rng);

    /// <summary>
    /// Runs one training step drawing from <paramref name="rng"/>: real rows are picked by training-by-sampling, or,
    /// without discrete columns, taken from <paramref name="batch"/>. Writes the losses in <see cref="Losses"/> order.
    /// </summary>
    public void Step(ReadOnlySpan<int> batch, Rng rng, Span<double> losses)
    {
        _tape.Rng = rng;
        for (var d = 0; d < _options.DiscriminatorSteps; d++)
        {
            (losses[1], losses[2]) = CriticStep(batch, rng);
        }

        losses[0] = GeneratorStep(rng);
    }

    // loss_D = mean D(fake) - mean D(real) + λ · GP, with fake and real packs through the critic as one batch
    // (fake rows first), and the real rows drawn for a shuffled copy of the fake rows' conditions.
    private (double Critic, double Penalty) CriticStep(ReadOnlySpan<int> batch, Rng rng)
    {
        _tape.Reset();
        var cond = SampleConditions(rng);
        _tape.NoGrad = true;
        var fake = _activation.Apply(_tape, Generator.Forward(_tape, Noise(cond, rng)), rng); // (batch, width)
        _tape.NoGrad = false;
        Shuffle(rng);
        int width = _layout.Width, joined = width + CondWidth;
        var both = _tape.Input(2 * Batch, joined); // (2 batch, width + cond)
        for (var r = 0; r < Batch; r++)
        {
            fake.Row(r).CopyTo(both.Row(r));
            cond.Row(r).CopyTo(both.Row(r)[width..]);
            var p = _permutation[r];
            var row = CondWidth > 0 ? _sampler.RealRow(_columns[p], _categories[p], rng) : batch.Length > 0 ? batch[r % batch.Length] : rng.Next(_rows);
            _data.AsSpan(row * width, width).CopyTo(both.Row(Batch + r));
            cond.Row(p).CopyTo(both.Row(Batch + r)[width..]);
        }

        var packs = Batch / _options.Pac;
        var packed = _tape.Reshape(both, 2 * packs, joined * _options.Pac);
        var sign = _tape.Input(2 * packs, 1, zero: false);
        sign.Span[..packs].Fill(1f / packs);
        sign.Span[packs..].Fill(-1f / packs);
        var wasserstein = _tape.Sum(_tape.Mul(Critic.Forward(_tape, packed), sign));
        var gp = _penalty.Forward(_tape, Interpolate(packed, rng), rng);
        var loss = _tape.Add(wasserstein, _tape.Affine(gp, (float)_options.PenaltyWeight));
        CriticOptimizer.ZeroGrad();
        _tape.Backward(loss);
        CriticOptimizer.Step();
        return (wasserstein.Scalar, gp.Scalar);
    }

    // loss_G = -mean D(fake) + Σ_columns cross-entropy(conditioned group) / batch.
    private double GeneratorStep(Rng rng)
    {
        _tape.Reset();
        var cond = SampleConditions(rng);
        var raw = Generator.Forward(_tape, Noise(cond, rng)); // (batch, width)
        var fake = _activation.Apply(_tape, raw, rng);
        Critic.SetRequiresGrad(false);
        var joined = CondWidth == 0 ? fake : _tape.Concat(fake, cond);
        var score = Critic.Forward(_tape, _tape.Reshape(joined, Batch / _options.Pac, joined.Cols * _options.Pac));
        var loss = _tape.Affine(_tape.Mean(score), -1f);
        if (CondWidth > 0)
        {
            loss = _tape.Add(loss, ConditionLoss(raw, cond));
        }

        GeneratorOptimizer.ZeroGrad();
        _tape.Backward(loss);
        GeneratorOptimizer.Step();
        Critic.SetRequiresGrad(true);
        return loss.Scalar;
    }

    // Rows conditioned on another column have an all-zero target there, so they add nothing.
    private Tensor ConditionLoss(Tensor raw, Tensor cond)
    {
        Tensor? total = null;
        for (var c = 0; c < _sampler.Columns; c++)
        {
            var target = _tape.Slice(cond, _sampler.ConditionStart(c), _sampler.Categories(c));
            var ce = _tape.Sum(_tape.CrossEntropyWithLogits(raw, target, _layout.Blocks[c].Start));
            total = total is null ? ce : _tape.Add(total, ce);
        }

        return _tape.Affine(total!, 1f / Batch);
    }

    private Tensor SampleConditions(Rng rng)
    {
        var cond = _tape.Input(Batch, CondWidth);
        for (var r = 0; CondWidth > 0 && r < Batch; r++)
        {
            (_columns[r], _categories[r]) = _sampler.SampleTraining(rng);
            _sampler.Write(cond.Row(r), _columns[r], _categories[r]);
        }

        return cond;
    }

    private Tensor Noise(Tensor cond, Rng rng)
    {
        var z = _tape.RandomNormal(Batch, _options.EmbeddingDim, rng);
        return CondWidth == 0 ? z : _tape.Concat(z, cond); // (batch, embedding + cond)
    }

    private void Shuffle(Rng rng)
    {
        for (var i = 0; i < _permutation.Length; i++)
        {
            _permutation[i] = i;
        }

        for (var i = _permutation.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (_permutation[i], _permutation[j]) = (_permutation[j], _permutation[i]);
        }
    }

    // x̂ = α real + (1 - α) fake, one α per pack as the reference draws it.
    private Tensor Interpolate(Tensor packed, Rng rng)
    {
        var half = packed.Rows / 2;
        var x = _tape.Input(half, packed.Cols, zero: false);
        for (var r = 0; r < half; r++)
        {
            TensorPrimitives.Lerp(packed.Row(r), packed.Row(half + r), rng.NextSingleValue(), x.Row(r));
        }

        return x;
    }
}
