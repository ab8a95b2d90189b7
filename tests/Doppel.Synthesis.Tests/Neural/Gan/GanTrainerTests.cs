using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Gan;
using Doppel.Synthesis.Neural.Training;

namespace Doppel.Synthesis.Tests.Neural.Gan;

public sealed class GanTrainerTests
{
    // Encoded rows of a two-column table: a tanh scalar, then a two-category group; category 0 (80%) has the
    // scalar near -0.5 and category 1 near +0.5.
    private static readonly GanLayout Layout = new(3, [new GanSpan(0, 1, false), new GanSpan(1, 2, true)], [(1, 2)], [[800, 200]]);

    [Fact]
    public void CtganStep_TrivialTable_LearnsBetterThanInitialisation()
    {
        var (data, rows) = TrivialRows(1000, new Rng(1));
        var options = new CtganOptions { BatchSize = 100, GeneratorDims = [32, 32], DiscriminatorDims = [32, 32], EmbeddingDim = 8, LearningRate = 2e-3 };
        var trainer = new CtganTrainer(options, Layout, data, rows, new Rng(2), 1);
        var sampler = new ConditionalSampler(Layout.Counts);
        var before = Error(Generate(trainer.Generator, sampler, options.EmbeddingDim));

        Train(trainer, 1000, 3);

        var after = Error(Generate(trainer.Generator, sampler, options.EmbeddingDim));
        Assert.True(after < before / 2, $"error {after:F3} after training, {before:F3} before");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WassersteinStep_TrivialTable_LearnsBetterThanInitialisation(bool penalty)
    {
        var (data, rows) = TrivialRows(1000, new Rng(4));
        var setup = penalty
            ? WassersteinSetup.From(new WganGpOptions { GeneratorDims = [32, 32], CriticDims = [32, 32], EmbeddingDim = 8, LearningRate = 1e-3 })
            : WassersteinSetup.From(new WganOptions { GeneratorDims = [32, 32], CriticDims = [32, 32], EmbeddingDim = 8, LearningRate = 1e-3 });
        var trainer = new WassersteinTrainer(setup, Layout, data, rows, new Rng(5), 1);
        var before = Error(Generate(trainer.Generator, null, 8));

        Train(trainer, 300, 3);

        var after = Error(Generate(trainer.Generator, null, 8));
        Assert.True(after < before / 2, $"error {after:F3} after training, {before:F3} before");
    }

    [Fact]
    public void Generate_FixedCondition_EveryRowHasTheCategory()
    {
        var trainer = new CtganTrainer(new CtganOptions { BatchSize = 20, GeneratorDims = [16], DiscriminatorDims = [16], EmbeddingDim = 4 },
            Layout, TrivialRows(100, new Rng(6)).Data, 100, new Rng(7), 1);
        trainer.Generator.Training = false;

        var rows = GanSampling.Generate(trainer.Generator, Layout, 4, 0.2f, new ConditionalSampler(Layout.Counts), (0, 1), 500, new Rng(8));

        for (var r = 0; r < 500; r++)
        {
            Assert.Equal((0f, 1f), (rows[(r * 3) + 1], rows[(r * 3) + 2]));
        }
    }

    [Fact]
    public void Generate_OutputSpans_TanhInRangeAndGroupsSumToOne()
    {
        var trainer = new CtganTrainer(new CtganOptions { BatchSize = 20, GeneratorDims = [16], DiscriminatorDims = [16], EmbeddingDim = 4 },
            Layout, TrivialRows(100, new Rng(9)).Data, 100, new Rng(10), 1);
        trainer.Generator.Training = false;

        var rows = GanSampling.Generate(trainer.Generator, Layout, 4, 0.2f, new ConditionalSampler(Layout.Counts), null, 300, new Rng(11));

        for (var r = 0; r < 300; r++)
        {
            Assert.InRange(rows[r * 3], -1f, 1f);
            Assert.Equal(1f, rows[(r * 3) + 1] + rows[(r * 3) + 2], 4);
        }
    }

    private static void Train(ITrainingStep trainer, int steps, int lossCount)
    {
        var losses = new double[lossCount];
        var rng = new Rng(17);
        var batch = new int[100];
        for (var i = 0; i < steps; i++)
        {
            for (var r = 0; r < batch.Length; r++)
            {
                batch[r] = rng.Next(1000);
            }

            trainer.Step(batch, rng.Fork("step", i), losses);
            Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        }
    }

    private static float[] Generate(Sequential generator, ConditionalSampler? sampler, int embedding)
    {
        generator.Training = false;
        var rows = GanSampling.Generate(generator, Layout, embedding, 0.2f, sampler, null, 2000, new Rng(99));
        generator.Training = true;
        return rows;
    }

    // Mean distance of each row's scalar from its category's centre, plus the error in the share of category 1.
    private static double Error(float[] rows)
    {
        double distance = 0, ones = 0;
        var n = rows.Length / 3;
        for (var r = 0; r < n; r++)
        {
            var one = rows[(r * 3) + 2] > rows[(r * 3) + 1];
            ones += one ? 1 : 0;
            distance += Math.Abs(rows[r * 3] - (one ? 0.5 : -0.5));
        }

        return (distance / n) + Math.Abs((ones / n) - 0.2);
    }

    private static (float[] Data, int Rows) TrivialRows(int rows, Rng rng)
    {
        var data = new float[rows * 3];
        for (var r = 0; r < rows; r++)
        {
            var one = r % 5 == 0;
            data[r * 3] = (float)((one ? 0.5 : -0.5) + (0.05 * rng.NextGaussian()));
            data[(r * 3) + (one ? 2 : 1)] = 1f;
        }

        return (data, rows);
    }
}
