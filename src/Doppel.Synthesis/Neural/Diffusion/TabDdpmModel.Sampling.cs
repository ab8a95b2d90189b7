using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Diffusion;

internal sealed partial class TabDdpmModel
{
    /// <summary>Rows per parallel work item of a reverse step (fixed, so results do not depend on the core count).</summary>
    private const int RowsPerTask = 256;

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

    /// <summary>Runs the reverse process over batches of at most <see cref="TabDdpmOptions.SampleBatchSize"/> rows and decodes them.</summary>
    private Table Generate(int rows, Rng rng, int fixedClass)
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
            var tape = new Tape(rng.Fork("tape")) { NoGrad = true };
            for (var start = 0; start < rows; start += Options.SampleBatchSize)
            {
                var count = Math.Min(Options.SampleBatchSize, rows - start);
                Reverse(tape, rng.Fork("batch", start), count,
                    numeric.AsSpan(start * numericCount, count * numericCount),
                    codes.AsSpan(start * features, count * features),
                    classes is null ? [] : labels.AsSpan(start, count));
            }
        }

        return _codec.Decode(rows, numeric, codes, labels);
    }

    /// <summary>
    /// The reverse process for one batch: x_T ~ N(0, I) and uniform categories, then for t = T..1 the denoiser's
    /// prediction gives p(x_{t-1} | x_t): for the numeric block N(μ̃(x_t, x̂₀(ε̂)), σₜ²) (no noise at the last step),
    /// with x̂₀ clipped to the range the quantile transform can produce (as DDPM clips images to [-1, 1]),
    /// for each discrete feature the model posterior of multinomial diffusion, sampled by inverse CDF.
    /// </summary>
    private void Reverse(Tape tape, Rng rng, int rows, Span<double> numeric, Span<int> codes, ReadOnlySpan<int> labels)
    {
        var denoiser = _denoiser!;
        var numericCount = _codec.NumericCount;
        var sizes = _codec.Sizes;
        var features = sizes.Length;
        for (var i = 0; i < numeric.Length; i++)
        {
            numeric[i] = rng.NextGaussian();
        }

        for (var r = 0; r < rows; r++)
        {
            for (var d = 0; d < features; d++)
            {
                codes[(r * features) + d] = rng.Next(sizes[d]);
            }
        }

        var offsets = new int[features];
        for (var d = 1; d < features; d++)
        {
            offsets[d] = offsets[d - 1] + sizes[d - 1];
        }

        for (var d = 0; d < features; d++)
        {
            offsets[d] += numericCount;
        }

        var timesteps = new float[rows];
        var maxCategories = features == 0 ? 0 : sizes.Max();
        var gaussians = new double[numeric.Length];
        var uniforms = new double[codes.Length];
        for (var t = _schedule.Steps - 1; t >= 0; t--)
        {
            tape.Reset();
            var x = tape.Input(rows, denoiser.Width);
            for (var r = 0; r < rows; r++)
            {
                var xr = x.Row(r);
                for (var f = 0; f < numericCount; f++)
                {
                    xr[f] = (float)numeric[(r * numericCount) + f];
                }

                for (var d = 0; d < features; d++)
                {
                    xr[offsets[d] + codes[(r * features) + d]] = 1f;
                }
            }

            Array.Fill(timesteps, t);
            var output = denoiser.Forward(tape, x, timesteps, labels); // (rows, width)

            // The draws come from one stream in a fixed order; the rows are then updated in parallel.
            for (var i = 0; i < gaussians.Length; i++)
            {
                gaussians[i] = t > 0 ? rng.NextGaussian() : 0;
            }

            for (var i = 0; i < uniforms.Length; i++)
            {
                uniforms[i] = rng.NextDouble();
            }

            var step = new ReverseStep(this, t, output, numeric.ToArray(), codes.ToArray(), gaussians, uniforms, offsets, maxCategories);
            Parallel.For(0, (rows + RowsPerTask - 1) / RowsPerTask, task => step.Run(task * RowsPerTask, Math.Min(rows, (task + 1) * RowsPerTask)));
            step.Numeric.CopyTo(numeric);
            step.Codes.CopyTo(codes);
        }
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

    /// <summary>One reverse step applied to a range of rows, from the denoiser's output and pre-drawn noise.</summary>
    private sealed class ReverseStep(TabDdpmModel model, int t, Tensor output, double[] numeric, int[] codes, double[] gaussians, double[] uniforms, int[] offsets, int maxCategories)
    {
        public double[] Numeric => numeric;

        public int[] Codes => codes;

        public void Run(int from, int to)
        {
            var schedule = model._schedule;
            var numericCount = model._codec.NumericCount;
            var sizes = model._codec.Sizes;
            var features = sizes.Length;
            var sd = Math.Sqrt(schedule.ModelVariance[t]);
            var probabilities = new double[maxCategories];
            for (var r = from; r < to; r++)
            {
                var o = output.Row(r);
                for (var f = 0; f < numericCount; f++)
                {
                    ref var xt = ref numeric[(r * numericCount) + f];
                    var x0 = Math.Clamp(schedule.PredictX0(t, xt, o[f]), -TabularCodec.MaxScore, TabularCodec.MaxScore);
                    xt = schedule.PosteriorMean(t, x0, xt) + (sd * gaussians[(r * numericCount) + f]);
                }

                for (var d = 0; d < features; d++)
                {
                    var p = probabilities.AsSpan(0, sizes[d]);
                    ref var code = ref codes[(r * features) + d];
                    MultinomialDiffusion.ModelPosterior(schedule, t, code, o.Slice(offsets[d], sizes[d]), p);
                    code = MultinomialDiffusion.Sample(p, uniforms[(r * features) + d]);
                }
            }
        }
    }
}
