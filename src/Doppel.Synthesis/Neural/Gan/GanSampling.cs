using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// Runs a trained generator forward (evaluation mode, no gradient recording) to make rows. The randomness of a
/// chunk is drawn in a fixed order from its stream (the noise, then each row's conditional vector, then the
/// Gumbel noise span by span); the generator itself runs in cache-sized batches on both cores through
/// <see cref="InferenceTapes"/>, so the rows do not depend on the thread count. Thread-safe: the generator is only read.
/// </summary>
internal static class GanSampling
{
    /// <summary>
    /// <paramref name="rows"/> rows decoded by <paramref name="transformer"/>. With a <paramref name="sampler"/> each
    /// row's conditional vector is drawn from the training frequencies, or set to <paramref name="condition"/> for
    /// every row, whose one-hot group is then also written into the output, so the row has that category by
    /// construction.
    /// </summary>
    public static Table Generate(GanGenerator generator, DataTransformer transformer, ConditionalSampler? sampler,
        (int Column, int Category)? condition, int rows, Rng rng) =>
        Run(generator, sampler, condition, rows, rng, fake => transformer.Inverse(fake.Span, rows));

    /// <summary>As the decoding overload, but the activated encoded rows (rows × layout width, row-major).</summary>
    public static float[] Generate(GanGenerator generator, ConditionalSampler? sampler, (int Column, int Category)? condition, int rows, Rng rng) =>
        Run(generator, sampler, condition, rows, rng, fake => fake.ToArray());

    /// <summary>The activated encoded rows of a generator without sampling tapes of its own (tests, training checks).</summary>
    public static float[] Generate(Sequential generator, GanLayout layout, int embeddingDim, float tau, ConditionalSampler? sampler,
        (int Column, int Category)? condition, int rows, Rng rng) =>
        Generate(new GanGenerator(generator, layout, embeddingDim, tau), sampler, condition, rows, rng);

    private static T Run<T>(GanGenerator generator, ConditionalSampler? sampler, (int Column, int Category)? condition, int rows, Rng rng,
        Func<Tensor, T> read)
    {
        var (layout, tapes) = (generator.Layout, generator.Tapes);
        var tape = tapes.Rent(rng);
        try
        {
            var noise = tape.RandomNormal(rows, generator.EmbeddingDim, rng);
            var input = noise;
            if (sampler is not null)
            {
                var cond = tape.Input(rows, sampler.Width);
                for (var r = 0; r < rows; r++)
                {
                    var (column, category) = condition ?? sampler.SampleOriginal(rng);
                    sampler.Write(cond.Row(r), column, category);
                }

                input = tape.Concat(noise, cond); // (rows, embedding + cond)
            }

            var raw = tape.Input(rows, layout.Width, zero: false);
            tapes.Forward(generator.Network, input, raw, rng);
            var fake = new SpanActivation(layout, generator.Tau).Apply(tape, raw, rng); // (rows, width)
            if (condition is { } fixedCondition)
            {
                var (start, width) = layout.Blocks[fixedCondition.Column];
                for (var r = 0; r < rows; r++)
                {
                    var group = fake.Row(r).Slice(start, width);
                    group.Clear();
                    group[fixedCondition.Category] = 1f;
                }
            }

            return read(fake);
        }
        finally
        {
            tapes.Return(tape);
        }
    }
}
