using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Diffusion;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Diffusion;

public sealed class TabDdpmSamplingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Infer_NumericAndCodes_EqualsForwardOnOneHotRows(int classes)
    {
        const int rows = 7;
        const int numericCount = 2;
        int[] sizes = [3, 4];
        int[] offsets = [numericCount, numericCount + sizes[0]];
        var width = numericCount + sizes.Sum();
        var denoiser = new Denoiser(width, [24, 16], 8, 0f, classes, new Rng(41)) { Training = false };
        var rng = new Rng(42);
        var numeric = new double[rows * numericCount];
        rng.FillGaussian(numeric);
        var codes = new int[rows * sizes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = rng.Next(sizes[i % sizes.Length]);
        }

        var labels = classes == 0 ? [] : Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
        var oneHot = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            for (var f = 0; f < numericCount; f++)
            {
                oneHot[(r * width) + f] = (float)numeric[(r * numericCount) + f];
            }

            for (var d = 0; d < sizes.Length; d++)
            {
                oneHot[(r * width) + offsets[d] + codes[(r * sizes.Length) + d]] = 1f;
            }
        }

        var tape = new Tape(new Rng(43)) { NoGrad = true };
        var expected = denoiser.Forward(tape, tape.Input(oneHot, rows, width), Enumerable.Repeat(5f, rows).ToArray(), labels).Span.ToArray();
        var start = denoiser.Start(tape, 5).Span.ToArray();
        var actual = denoiser.Infer(tape, rows, numeric, numericCount, codes, offsets, start, labels).Span.ToArray();

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-4f);
        }
    }

    [Fact]
    public void Generate_OneThreadOrMany_SameRows()
    {
        var options = new TabDdpmOptions { Steps = 30, BatchSize = 64, Layers = [32, 32], EmbeddingDim = 16, DiffusionSteps = 6, SampleBatchSize = 1500 };
        var model = (TabDdpmModel)new TabDdpmSynthesizer(options).Fit(TestTables.Mixed(400, 44), new FitOptions { Seed = 45 });

        // 2,000 rows: a batch of 1,500 rows in three blocks (the last one short) and a batch of 500 rows in one.
        var single = model.Generate(2000, new Rng(46), -1, maxThreads: 1);
        var many = model.Generate(2000, new Rng(46), -1, maxThreads: 4);

        Assert.Equal(TestTables.Render(single), TestTables.Render(many));
    }
}
