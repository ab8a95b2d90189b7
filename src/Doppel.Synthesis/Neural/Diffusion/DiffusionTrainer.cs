using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>The named losses of one training step.</summary>
/// <param name="Gaussian">Mean squared error of the predicted noise over the numeric block.</param>
/// <param name="Multinomial">The multinomial bound: T·L_t (the KL to the posterior, or the decoder NLL at t = 0) plus the prior KL, averaged over rows and discrete features.</param>
internal readonly record struct StepLosses(double Gaussian, double Multinomial)
{
    public double Total => Gaussian + Multinomial;
}

/// <summary>
/// One TabDDPM training step at a time (Kotelnikov et al., 2023, section 3): a mini-batch drawn with replacement, a
/// uniform timestep per row, the numeric block noised by q(x_t | x₀) and each discrete feature by multinomial
/// diffusion, one denoiser pass, the loss L = MSE(ε, ε̂) + Σ_features (T·L_t + L_prior) / features averaged over rows,
/// then AdamW with the learning rate annealed linearly to 0 and an exponential moving average of the weights.
/// Each step draws from its own stream <c>Fork("step", index)</c>, so a run resumed at step k continues identically.
/// </summary>
internal sealed class DiffusionTrainer
{
    private readonly TabularCodec _codec;
    private readonly float[] _numeric;
    private readonly int[] _codes;
    private readonly int[]? _labels;
    private readonly int _rows;
    private readonly NoiseSchedule _schedule;
    private readonly Denoiser _denoiser;
    private readonly Adam _optimizer;
    private readonly Tape _tape;
    private readonly Rng _rng;
    private readonly TabDdpmOptions _options;
    private readonly int[] _offsets;
    private readonly double _priorKl;

    public DiffusionTrainer(TabularCodec codec, Table data, NoiseSchedule schedule, Denoiser denoiser, TabDdpmOptions options, Rng rng, int maxThreads)
    {
        _codec = codec;
        (_numeric, _codes, _labels) = codec.Encode(data);
        _rows = data.RowCount;
        _schedule = schedule;
        _denoiser = denoiser;
        _options = options;
        _rng = rng;
        _optimizer = Adam.AdamW(denoiser.Parameters(), (float)options.LearningRate, weightDecay: (float)options.WeightDecay);
        Ema = new ExponentialMovingAverage(denoiser.Parameters(), (float)options.EmaDecay);
        _tape = new Tape(rng) { MaxThreads = maxThreads };
        _offsets = new int[codec.Sizes.Length];
        var offset = codec.NumericCount;
        for (var d = 0; d < _offsets.Length; d++)
        {
            _offsets[d] = offset;
            offset += codec.Sizes[d];
        }

        _priorKl = codec.Sizes.Length == 0 ? 0 : codec.Sizes.Sum(k => MultinomialDiffusion.PriorKl(schedule, k)) / codec.Sizes.Length;
    }

    /// <summary>The averaged weights used for sampling.</summary>
    public ExponentialMovingAverage Ema { get; }

    /// <summary>The denoiser being trained (its weights, not their average).</summary>
    public Denoiser Denoiser => _denoiser;

    /// <summary>The optimiser (its state goes into checkpoints).</summary>
    public Adam Optimizer => _optimizer;

    /// <summary>Runs step <paramref name="step"/> (0-based) of <see cref="TabDdpmOptions.Steps"/>.</summary>
    /// <exception cref="DoppelException">The loss is not finite.</exception>
    public StepLosses Step(int step)
    {
        var rng = _rng.Fork("step", step);
        _tape.Rng = rng.Fork("dropout");
        var batch = _options.BatchSize;
        var numericCount = _codec.NumericCount;
        var sizes = _codec.Sizes;
        _tape.Reset();
        var x = _tape.Input(batch, _denoiser.Width); // (batch, numeric + Σ K): x_t, one-hot for discrete features
        var noise = _tape.Input(batch, Math.Max(1, numericCount)); // (batch, numeric): ε
        var timesteps = new float[batch];
        var labels = _labels is null ? [] : new int[batch];
        var logWeights = new Tensor[sizes.Length];
        var targets = new Tensor[sizes.Length];
        var scales = new float[sizes.Length][];
        var shifts = new float[sizes.Length][];
        for (var d = 0; d < sizes.Length; d++)
        {
            (logWeights[d], targets[d]) = (_tape.Input(batch, sizes[d]), _tape.Input(batch, sizes[d]));
            (scales[d], shifts[d]) = (new float[batch], new float[batch]);
        }

        var scratch = new double[sizes.Length == 0 ? 0 : sizes.Max()];
        for (var r = 0; r < batch; r++)
        {
            var row = rng.Next(_rows);
            var t = rng.Next(_schedule.Steps);
            timesteps[r] = t;
            if (_labels is not null)
            {
                labels[r] = _labels[row];
            }

            var xr = x.Row(r);
            for (var f = 0; f < numericCount; f++)
            {
                var eps = (float)rng.NextGaussian();
                noise[r, f] = eps;
                xr[f] = (float)_schedule.Forward(t, _numeric[(row * numericCount) + f], eps);
            }

            for (var d = 0; d < sizes.Length; d++)
            {
                var x0 = _codes[(row * sizes.Length) + d];
                var xt = MultinomialDiffusion.SampleForward(_schedule, t, x0, sizes[d], rng.NextDouble());
                xr[_offsets[d] + xt] = 1f;
                MultinomialDiffusion.LogLikelihood(_schedule, t, xt, logWeights[d].Row(r));
                var probabilities = scratch.AsSpan(0, sizes[d]);
                MultinomialDiffusion.Posterior(_schedule, t, x0, xt, probabilities);
                var target = targets[d].Row(r);
                for (var c = 0; c < probabilities.Length; c++)
                {
                    target[c] = (float)probabilities[c];
                }

                (scales[d][r], shifts[d][r]) = MultinomialDiffusion.PriorMix(_schedule, t, sizes[d]);
            }
        }

        var output = _denoiser.Forward(_tape, x, timesteps, labels); // (batch, width)
        Tensor? gaussian = numericCount > 0 ? _tape.MseLoss(_tape.Slice(output, 0, numericCount), noise) : null;
        Tensor? multinomial = null;
        for (var d = 0; d < sizes.Length; d++)
        {
            var kl = _tape.PosteriorKl(output, _offsets[d], logWeights[d], targets[d], scales[d], shifts[d]); // (batch, 1)
            multinomial = multinomial is null ? kl : _tape.Add(multinomial, kl);
        }

        if (multinomial is not null)
        {
            // 1/p(t) = T under uniform timesteps (the paper's vb_stochastic estimate), averaged over features.
            multinomial = _tape.Affine(_tape.Mean(multinomial), (float)_schedule.Steps / sizes.Length);
        }

        var loss = gaussian is null ? multinomial : multinomial is null ? gaussian : _tape.Add(gaussian, multinomial);
        var losses = new StepLosses(gaussian?.Scalar ?? 0, multinomial is null ? 0 : multinomial.Scalar + _priorKl);
        if (!double.IsFinite(losses.Total))
        {
            throw new DoppelException($"tabddpm training diverged at step {step + 1}: the loss is {losses.Total}. Lower learning_rate or check the data.");
        }

        if (loss is not null)
        {
            _optimizer.ZeroGrad();
            _tape.Backward(loss);
            _optimizer.LearningRate = (float)(_options.LearningRate * (1 - ((double)step / _options.Steps)));
            _optimizer.Step();
        }

        Ema.Update();
        return losses;
    }
}
