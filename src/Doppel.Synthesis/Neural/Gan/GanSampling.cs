using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// Runs a trained generator forward (evaluation mode, no tape recording) to make encoded rows. Thread-safe: each
/// call has its own tape; the generator is only read.
/// </summary>
internal static class GanSampling
{
    /// <summary>
    /// <paramref name="rows"/> encoded rows (rows × layout width, row-major). With a <paramref name="sampler"/> each
    /// row's conditional vector is drawn from the training frequencies, or set to <paramref name="condition"/> for
    /// every row, whose one-hot group is then also written into the output, so the row has that category by
    /// construction.
    /// </summary>
    public static float[] Generate(Sequential generator, GanLayout layout, int embeddingDim, float tau, ConditionalSampler? sampler,
        (int Column, int Category)? condition, int rows, Rng rng)
    {
        var tape = new Tape(rng) { NoGrad = true };
        var condWidth = sampler?.Width ?? 0;
        var noise = tape.RandomNormal(rows, embeddingDim, rng);
        var input = noise;
        if (sampler is not null)
        {
            var cond = tape.Input(rows, condWidth);
            for (var r = 0; r < rows; r++)
            {
                var (column, category) = condition ?? sampler.SampleOriginal(rng);
                sampler.Write(cond.Row(r), column, category);
            }

            input = tape.Concat(noise, cond); // (rows, embedding + cond)
        }

        var fake = new SpanActivation(layout, tau).Apply(tape, generator.Forward(tape, input), rng); // (rows, width)
        var result = fake.ToArray();
        if (condition is { } fixedCondition)
        {
            var (start, width) = layout.Blocks[fixedCondition.Column];
            for (var r = 0; r < rows; r++)
            {
                var group = result.AsSpan((r * layout.Width) + start, width);
                group.Clear();
                group[fixedCondition.Category] = 1f;
            }
        }

        return result;
    }
}
