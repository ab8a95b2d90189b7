using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural;
using Doppel.Synthesis.Neural.Gan;

namespace Doppel.Synthesis.Tests.Neural.Sampling;

public sealed class InferenceTapesTests
{
    // A tanh scalar, a three-slot softmax group and a two-category discrete block (the conditional vector).
    private static readonly GanLayout Layout = new(6, [new GanSpan(0, 1, false), new GanSpan(1, 3, true), new GanSpan(4, 2, true)], [(4, 2)], [[700, 300]]);

    [Fact]
    public void Forward_BatchesOnSeveralThreads_SameBytesAsOneBatch()
    {
        var network = Generator();
        var rows = (2 * InferenceTapes.BatchRows) + 77;
        var input = Tensor.FromValues(Normals(rows * 9, new Rng(2)), rows, 9);
        var output = new Tensor(rows, 6);

        new InferenceTapes().Forward(network, input, output, new Rng(3));

        var reference = network.Forward(new Tape(new Rng(3)) { NoGrad = true }, input);
        Assert.Equal(reference.ToArray(), output.ToArray());
    }

    [Fact]
    public void Generate_ReusedTapesOverChunks_SameBytesAsAFreshTapePerChunk()
    {
        var network = Generator();
        var sampler = new ConditionalSampler(Layout.Counts);
        var generator = new GanGenerator(network, Layout, 7, 0.2f);
        var rows = InferenceTapes.BatchRows + 300;

        for (var chunk = 0; chunk < 3; chunk++)
        {
            var fast = GanSamplingOf(generator, sampler, rows, new Rng(4).Fork("sample", chunk));
            var reference = OneTapeGenerate(network, sampler, rows, new Rng(4).Fork("sample", chunk));
            Assert.Equal(reference, fast);
        }
    }

    [Fact]
    public void Forward_TrainingModeNetwork_OneBatchWithBatchStatistics()
    {
        var network = Generator();
        network.Training = true;
        var rows = InferenceTapes.BatchRows + 40;
        var input = Tensor.FromValues(Normals(rows * 9, new Rng(5)), rows, 9);
        var output = new Tensor(rows, 6);
        var copy = Generator();
        copy.Training = true;

        new InferenceTapes().Forward(network, input, output, new Rng(6));

        var reference = copy.Forward(new Tape(new Rng(6)) { NoGrad = true }, input);
        Assert.Equal(reference.ToArray(), output.ToArray());
    }

    // Rows through the pooled path: the generator in batches, the tapes kept between calls.
    private static float[] GanSamplingOf(GanGenerator generator, ConditionalSampler sampler, int rows, Rng rng)
    {
        var first = GanSampling.Generate(generator, sampler, null, rows / 3, rng.Fork("warm"));
        Assert.Equal(rows / 3 * Layout.Width, first.Length);
        return GanSampling.Generate(generator, sampler, null, rows, rng);
    }

    // The plain path: one tape, the whole chunk through the generator at once.
    private static float[] OneTapeGenerate(Sequential network, ConditionalSampler sampler, int rows, Rng rng)
    {
        var tape = new Tape(rng) { NoGrad = true };
        var noise = tape.RandomNormal(rows, 7, rng);
        var cond = tape.Input(rows, sampler.Width);
        for (var r = 0; r < rows; r++)
        {
            var (column, category) = sampler.SampleOriginal(rng);
            sampler.Write(cond.Row(r), column, category);
        }

        var raw = network.Forward(tape, tape.Concat(noise, cond));
        return new SpanActivation(Layout, 0.2f).Apply(tape, raw, rng).ToArray();
    }

    // A CTGAN-shaped generator (residual blocks with batch normalisation) in evaluation mode, with running
    // statistics away from their initial values so the normalisation is not the identity.
    private static Sequential Generator()
    {
        var network = GanNetworks.ResidualGenerator(9, [16, 12], 6, new Rng(1));
        var stats = new Rng(9);
        foreach (var t in network.State().Where(t => t.Name.Contains("running", StringComparison.Ordinal)))
        {
            var s = t.Tensor.Span;
            for (var i = 0; i < s.Length; i++)
            {
                s[i] = t.Name.EndsWith("var", StringComparison.Ordinal) ? 0.5f + stats.NextSingleValue() : stats.NextSingleValue() - 0.5f;
            }
        }

        network.Training = false;
        return network;
    }

    private static float[] Normals(int count, Rng rng)
    {
        var values = new float[count];
        rng.FillGaussian(values);
        return values;
    }
}
