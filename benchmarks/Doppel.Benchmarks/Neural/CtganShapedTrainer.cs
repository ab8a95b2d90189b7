using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Benchmarks.Neural;

/// <summary>
/// One CTGAN training step (Xu et al., 2019) at Adult's encoded width, built on Doppel.Neural: a critic update
/// with gradient penalty followed by a generator update, both with Adam (lr 2e-4, betas (0.5, 0.9), weight decay
/// 1e-6), batch 500, pac 10. The layout mimics Adult after mode-specific normalisation: 6 numeric columns
/// (one tanh value plus 10, 10, 7, 8, 6, 6 modes) and 9 discrete columns (9, 16, 7, 15, 6, 5, 2, 42, 2
/// categories): 157 columns, and a 104-wide condition vector over the discrete columns.
/// </summary>
internal sealed class CtganShapedTrainer
{
    public const int Batch = 500;
    public const int Pac = 10;
    public const int Embedding = 128;

    private static readonly int[] Modes = [10, 10, 7, 8, 6, 6];
    private static readonly int[] Categories = [9, 16, 7, 15, 6, 5, 2, 42, 2];

    private readonly List<(int Start, int Width, bool Tanh)> _spans = [];
    private readonly List<(int DataStart, int CondStart, int Width)> _discrete = [];
    private readonly Tensor[] _parts;
    private readonly Sequential _generator;
    private readonly Sequential _critic;
    private readonly GradientPenalty _penalty;
    private readonly Adam _optimizerG;
    private readonly Adam _optimizerD;
    private readonly Tape _tape;
    private readonly Rng _rng;
    private readonly float[] _real;
    private readonly int _realRows;

    public CtganShapedTrainer(ulong seed, int maxThreads)
    {
        var column = 0;
        foreach (var modes in Modes)
        {
            _spans.Add((column, 1, true));
            _spans.Add((column + 1, modes, false));
            column += 1 + modes;
        }

        foreach (var categories in Categories)
        {
            _discrete.Add((column, CondWidth, categories));
            _spans.Add((column, categories, false));
            column += categories;
            CondWidth += categories;
        }

        DataWidth = column;
        _parts = new Tensor[_spans.Count];
        _rng = new Rng(seed);
        var init = _rng.Fork("init");
        _generator = new Sequential(
            new ResidualBlock(Embedding + CondWidth, 256, init),
            new ResidualBlock(Embedding + CondWidth + 256, 256, init),
            new Linear(Embedding + CondWidth + 512, DataWidth, init));
        var packed = (DataWidth + CondWidth) * Pac;
        _critic = new Sequential(
            new Linear(packed, 256, init), new Activation(ActivationKind.LeakyRelu, 0.2f), new Dropout(0.5f),
            new Linear(256, 256, init), new Activation(ActivationKind.LeakyRelu, 0.2f), new Dropout(0.5f),
            new Linear(256, 1, init));
        _penalty = new GradientPenalty(_critic);
        _optimizerG = new Adam(_generator.Parameters(), 2e-4f, 0.5f, 0.9f, weightDecay: 1e-6f);
        _optimizerD = new Adam(_critic.Parameters(), 2e-4f, 0.5f, 0.9f, weightDecay: 1e-6f);
        _tape = new Tape(_rng.Fork("dropout")) { MaxThreads = maxThreads };
        (_real, _realRows) = MakeRealRows(5000, _rng.Fork("data"));
    }

    public int DataWidth { get; }

    public int CondWidth { get; }

    /// <summary>Generator weights, for determinism checks.</summary>
    public Sequential Generator => _generator;

    /// <summary>One critic step and one generator step; returns the generator loss.</summary>
    public float Step()
    {
        // Critic: loss_d = -(mean D(real) - mean D(fake)) + 10 · GP. Fake and real packs go through the critic
        // as one batch of 2 · 50 rows (the first half fake), which is the same loss with larger products.
        _tape.Reset();
        var cond = SampleCondition();
        _tape.NoGrad = true;
        var fake = Activate(_generator.Forward(_tape, Noise(cond)));
        _tape.NoGrad = false;
        var both = _tape.Input(2 * Batch, DataWidth + CondWidth, zero: false); // (fake rows, then real rows)
        for (var r = 0; r < Batch; r++)
        {
            fake.Row(r).CopyTo(both.Row(r));
            cond.Row(r).CopyTo(both.Row(r)[DataWidth..]);
            _real.AsSpan(_rng.Next(_realRows) * DataWidth, DataWidth).CopyTo(both.Row(Batch + r));
            cond.Row(r).CopyTo(both.Row(Batch + r)[DataWidth..]);
        }

        var packed = _tape.Reshape(both, 2 * Batch / Pac, (DataWidth + CondWidth) * Pac);
        var sign = _tape.Input(packed.Rows, 1, zero: false);
        sign.Span[..(Batch / Pac)].Fill(Pac / (float)Batch);
        sign.Span[(Batch / Pac)..].Fill(-Pac / (float)Batch);
        var gp = _penalty.Forward(_tape, Interpolate(packed), _rng);
        var lossD = _tape.Add(_tape.Sum(_tape.Mul(_critic.Forward(_tape, packed), sign)), _tape.Affine(gp, 10f));
        _optimizerD.ZeroGrad();
        _tape.Backward(lossD);
        _optimizerD.Step();

        // Generator: loss_g = -mean D(fake) + cross-entropy of the conditioned spans.
        _tape.Reset();
        cond = SampleCondition();
        var logits = _generator.Forward(_tape, Noise(cond));
        _critic.SetRequiresGrad(false); // the critic's weight gradients of this step would be discarded
        fake = Activate(logits);
        var y = _critic.Forward(_tape, _tape.Reshape(_tape.Concat(fake, cond), Batch / Pac, (DataWidth + CondWidth) * Pac));
        var lossG = _tape.Sub(ConditionLoss(logits, cond), _tape.Mean(y));
        _optimizerG.ZeroGrad();
        _tape.Backward(lossG);
        _optimizerG.Step();
        _critic.SetRequiresGrad(true);
        return lossG.Scalar;
    }

    private Tensor Noise(Tensor cond) => _tape.Concat(_tape.RandomNormal(Batch, Embedding, _rng), cond); // (batch, 128 + cond)

    // tanh for the scalar of each numeric column, Gumbel-softmax (tau 0.2) for mode and category spans.
    private Tensor Activate(Tensor raw)
    {
        for (var i = 0; i < _spans.Count; i++)
        {
            var (start, width, tanh) = _spans[i];
            _parts[i] = tanh ? _tape.Tanh(_tape.Slice(raw, start, width)) : _tape.GumbelSoftmax(raw, start, width, 0.2f, hard: false, _rng);
        }

        return _tape.Concat(_parts);
    }

    // Σ over discrete columns of cross-entropy against the condition, counted only where it was conditioned on:
    // the condition span is all zeros elsewhere, so those rows contribute nothing. Divided by the batch size.
    private Tensor ConditionLoss(Tensor logits, Tensor cond)
    {
        Tensor? total = null;
        foreach (var (dataStart, condStart, width) in _discrete)
        {
            var ce = _tape.Sum(_tape.CrossEntropyWithLogits(logits, _tape.Slice(cond, condStart, width), dataStart));
            total = total is null ? ce : _tape.Add(total, ce);
        }

        return _tape.Affine(total!, 1f / Batch);
    }

    private Tensor SampleCondition()
    {
        var cond = _tape.Input(Batch, CondWidth);
        for (var r = 0; r < Batch; r++)
        {
            var (_, condStart, width) = _discrete[_rng.Next(_discrete.Count)];
            cond[r, condStart + _rng.Next(width)] = 1f;
        }

        return cond;
    }

    // x̂ = α real + (1 - α) fake with one α per packed row (CTGAN draws α per pac group).
    private Tensor Interpolate(Tensor packed)
    {
        var half = packed.Rows / 2;
        var x = _tape.Input(half, packed.Cols, zero: false);
        for (var r = 0; r < half; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Lerp(packed.Row(r), packed.Row(half + r), _rng.NextSingleValue(), x.Row(r));
        }

        return x;
    }

    private (float[] Rows, int Count) MakeRealRows(int count, Rng rng)
    {
        var rows = new float[count * DataWidth];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * DataWidth, DataWidth);
            foreach (var (start, width, tanh) in _spans)
            {
                if (tanh)
                {
                    row[start] = (float)Math.Clamp(rng.NextGaussian() * 0.3, -0.99, 0.99);
                }
                else
                {
                    row[start + rng.Next(width)] = 1f;
                }
            }
        }

        return (rows, count);
    }
}
