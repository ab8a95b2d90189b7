using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Diffusion;

internal sealed partial class TabDdpmModel
{
    /// <summary>Rows per block of the reverse process: the unit of parallel work and of randomness (fixed, so results do not depend on the core count).</summary>
    internal const int BlockRows = 512;

    private readonly System.Collections.Concurrent.ConcurrentBag<ReverseWorker> _workers = [];

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Generate(rows, rng, fixedClass: -1);
    }

    /// <summary>
    /// With a target, a condition set that is exactly <c>TARGET = class</c> is met by fixing the class label of every
    /// row (the paper's class-conditional generation); any other condition set falls back to rejection.
    /// </summary>
    protected override Table SampleConditionedChunk(int rows, ConditionSet conditions, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(rng);
        if (_codec.TargetColumn is { } target && conditions.Conditions.Length == 1)
        {
            var c = conditions.Conditions[0];
            var label = ClassLabels.IndexOf(c.Value);
            if (c.Operator == ConditionOperator.Equal && c.Column == Schema.Columns[target.Column].Name && label >= 0)
            {
                return Generate(rows, rng.Fork("class"), label);
            }
        }

        return base.SampleConditionedChunk(rows, conditions, rng);
    }

    /// <summary>
    /// Runs the reverse process over batches of at most <see cref="TabDdpmOptions.SampleBatchSize"/> rows and decodes
    /// them. A batch is cut into blocks of <see cref="BlockRows"/> rows, each with its own random stream and run on
    /// one thread (matrix products included), so the blocks run in parallel on up to <paramref name="maxThreads"/>
    /// threads (-1: one per core; a block runs for seconds, so letting the pool add threads would only time-slice
    /// blocks on the same cores) and the rows do not depend on the core count. <paramref name="fixedClass"/>
    /// is the class label of every row, or -1 to draw them from the training frequencies.
    /// </summary>
    internal Table Generate(int rows, Rng rng, int fixedClass, int maxThreads = -1)
    {
        var numericCount = _codec.NumericCount;
        var features = _codec.Sizes.Length;
        var numeric = new double[rows * numericCount];
        var codes = new int[rows * features];
        var labels = new int[rows];
        var classes = _codec.TargetColumn?.Counts;
        var classTotal = classes?.Sum() ?? 0;
        for (var r = 0; r < rows; r++)
        {
            labels[r] = fixedClass >= 0 ? fixedClass : classes is { } counts ? DrawClass(counts, classTotal, rng) : 0;
        }

        if (_denoiser is not null)
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
            for (var start = 0; start < rows; start += Options.SampleBatchSize)
            {
                var batch = rng.Fork("batch", start);
                var count = Math.Min(Options.SampleBatchSize, rows - start);
                var first = start;
                Parallel.For(0, (count + BlockRows - 1) / BlockRows, parallel, block =>
                {
                    var from = first + (block * BlockRows);
                    var worker = _workers.TryTake(out var idle) ? idle : new ReverseWorker(this);
                    worker.Run(batch.Fork("block", block), from, Math.Min(BlockRows, first + count - from), numeric, codes, classes is null ? null : labels);
                    _workers.Add(worker);
                });
            }
        }

        return _codec.Decode(rows, numeric, codes, labels);
    }

    private static int DrawClass(System.Collections.Immutable.ImmutableArray<long> counts, long total, Rng rng)
    {
        var u = rng.NextInt64(total);
        for (var c = 0; c < counts.Length; c++)
        {
            u -= counts[c];
            if (u < 0)
            {
                return c;
            }
        }

        return counts.Length - 1;
    }

    /// <summary>
    /// The reverse process for one block of rows on the calling thread, with buffers reused from block to block:
    /// x_T ~ N(0, I) and uniform categories, then for t = T..1 the denoiser's prediction gives p(x_{t-1} | x_t): for the
    /// numeric block N(μ̃(x_t, x̂₀(ε̂)), σₜ²) (no noise at the last step), with x̂₀ clipped to the range the quantile
    /// transform can produce (as DDPM clips images to [-1, 1]), for each discrete feature the model posterior of
    /// multinomial diffusion, sampled by inverse CDF from the exponentiated logits.
    /// </summary>
    private sealed class ReverseWorker
    {
        private readonly TabDdpmModel _model;
        private readonly Tape _tape = new(new Rng(0)) { NoGrad = true, MaxThreads = 1 }; // inference: dropout is off, nothing is drawn
        private readonly int[] _offsets;
        private readonly double[] _gaussians;
        private readonly double[] _uniforms;
        private readonly float[] _starts;

        public ReverseWorker(TabDdpmModel model)
        {
            _model = model;
            var codec = model._codec;
            _offsets = new int[codec.Sizes.Length];
            for (var d = 0; d < _offsets.Length; d++)
            {
                _offsets[d] = d == 0 ? codec.NumericCount : _offsets[d - 1] + codec.Sizes[d - 1];
            }

            _gaussians = new double[BlockRows * codec.NumericCount];
            _uniforms = new double[BlockRows * codec.Sizes.Length];

            // The row-independent start of the first hidden layer at every timestep, computed once.
            var denoiser = model._denoiser!;
            _starts = new float[model._schedule.Steps * denoiser.EmbeddingDim];
            for (var t = 0; t < model._schedule.Steps; t++)
            {
                _tape.Reset();
                denoiser.Start(_tape, t).Span.CopyTo(_starts.AsSpan(t * denoiser.EmbeddingDim));
            }
        }

        public void Run(Rng rng, int from, int rows, double[] allNumeric, int[] allCodes, int[]? allLabels)
        {
            var denoiser = _model._denoiser!;
            var schedule = _model._schedule;
            var sizes = _model._codec.Sizes;
            var numericCount = _model._codec.NumericCount;
            var features = sizes.Length;
            var numeric = allNumeric.AsSpan(from * numericCount, rows * numericCount);
            var codes = allCodes.AsSpan(from * features, rows * features);
            var labels = allLabels is null ? [] : allLabels.AsSpan(from, rows);
            rng.FillGaussian(numeric);
            for (var i = 0; i < codes.Length; i++)
            {
                codes[i] = rng.Next(sizes[i % features]);
            }

            var gaussians = _gaussians.AsSpan(0, numeric.Length);
            var uniforms = _uniforms.AsSpan(0, codes.Length);
            for (var t = schedule.Steps - 1; t >= 0; t--)
            {
                _tape.Reset();
                var start = _starts.AsSpan(t * denoiser.EmbeddingDim, denoiser.EmbeddingDim);
                var output = denoiser.Infer(_tape, rows, numeric, numericCount, codes, _offsets, start, labels); // (rows, width)
                if (t > 0)
                {
                    rng.FillGaussian(gaussians);
                }
                else
                {
                    gaussians.Clear();
                }

                for (var i = 0; i < uniforms.Length; i++)
                {
                    uniforms[i] = rng.NextDouble();
                }

                UpdateNumeric(t, output, numeric, gaussians);
                UpdateCodes(t, output, codes, uniforms);
            }
        }

        private void UpdateNumeric(int t, Tensor output, Span<double> numeric, ReadOnlySpan<double> gaussians)
        {
            var schedule = _model._schedule;
            var numericCount = _model._codec.NumericCount;
            var (noiseScale, signalScale) = (Math.Sqrt(1 - schedule.AlphaBar[t]), Math.Sqrt(schedule.AlphaBar[t]));
            var (c0, ct, sd) = (schedule.PosteriorMeanX0[t], schedule.PosteriorMeanXt[t], Math.Sqrt(schedule.ModelVariance[t]));
            var rows = output.Rows;
            for (var r = 0; r < rows; r++)
            {
                var eps = output.Row(r);
                var x = numeric.Slice(r * numericCount, numericCount);
                var noise = gaussians.Slice(r * numericCount, numericCount);
                for (var f = 0; f < x.Length; f++)
                {
                    var xt = x[f];
                    var x0 = Math.Clamp((xt - (noiseScale * eps[f])) / signalScale, -TabularCodec.MaxScore, TabularCodec.MaxScore);
                    x[f] = (c0 * x0) + (ct * xt) + (sd * noise[f]);
                }
            }
        }

        /// <summary>Exponentiates every row's logits after subtracting each feature's maximum, then draws each feature.</summary>
        private void UpdateCodes(int t, Tensor output, Span<int> codes, ReadOnlySpan<double> uniforms)
        {
            var sizes = _model._codec.Sizes;
            var features = sizes.Length;
            if (features == 0)
            {
                return;
            }

            var rows = output.Rows;
            for (var r = 0; r < rows; r++)
            {
                var row = output.Row(r);
                for (var d = 0; d < features; d++)
                {
                    // Few categories each: a plain loop beats a vectorised call.
                    var logits = row.Slice(_offsets[d], sizes[d]);
                    var max = logits[0];
                    for (var c = 1; c < logits.Length; c++)
                    {
                        max = MathF.Max(max, logits[c]);
                    }

                    for (var c = 0; c < logits.Length; c++)
                    {
                        logits[c] -= max;
                    }
                }
            }

            var all = output.Span;
            TensorPrimitives.Exp(all, all); // the numeric columns are already used
            for (var r = 0; r < rows; r++)
            {
                var row = output.Row(r);
                for (var d = 0; d < features; d++)
                {
                    ref var code = ref codes[(r * features) + d];
                    code = MultinomialDiffusion.SampleModelPosterior(_model._schedule, t, code, row.Slice(_offsets[d], sizes[d]), uniforms[(r * features) + d]);
                }
            }

        }
    }
}
