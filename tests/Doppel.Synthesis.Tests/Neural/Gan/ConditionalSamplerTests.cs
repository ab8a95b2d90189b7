using Doppel.Data;
using Doppel.Synthesis.Neural.Gan;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Gan;

public sealed class ConditionalSamplerTests
{
    private static readonly long[][] Counts = [[900, 90, 10], [500, 500]];

    [Fact]
    public void SampleTraining_ManyDraws_ColumnUniformCategoryByLogFrequency()
    {
        var sampler = new ConditionalSampler(Counts);
        var rng = new Rng(1);
        const int n = 60_000;
        var hits = new long[2][] { new long[3], new long[2] };

        for (var i = 0; i < n; i++)
        {
            var (column, category) = sampler.SampleTraining(rng);
            hits[column][category]++;
        }

        StatAssert.ShareNear(0.5, hits[0].Sum(), n);
        var logs = Counts[0].Select(c => Math.Log(1 + c)).ToArray();
        for (var k = 0; k < 3; k++)
        {
            StatAssert.ShareNear(logs[k] / logs.Sum(), hits[0][k], hits[0].Sum());
        }

        StatAssert.ShareNear(0.5, hits[1][0], hits[1].Sum());
    }

    [Fact]
    public void SampleTraining_PlainFrequency_CategoryByCount()
    {
        var sampler = new ConditionalSampler(Counts, logFrequency: false);
        var rng = new Rng(2);
        var hits = new long[3];
        long total = 0;

        for (var i = 0; i < 40_000; i++)
        {
            var (column, category) = sampler.SampleTraining(rng);
            if (column == 0)
            {
                hits[category]++;
                total++;
            }
        }

        StatAssert.ShareNear(0.9, hits[0], total);
        StatAssert.ShareNear(0.01, hits[2], total);
    }

    [Fact]
    public void SampleOriginal_ManyDraws_EmpiricalFrequenciesOverAllCategories()
    {
        var sampler = new ConditionalSampler(Counts);
        var rng = new Rng(3);
        const int n = 50_000;
        var hits = new long[5];

        for (var i = 0; i < n; i++)
        {
            var (column, category) = sampler.SampleOriginal(rng);
            hits[sampler.ConditionStart(column) + category]++;
        }

        double[] expected = [900 / 2000.0, 90 / 2000.0, 10 / 2000.0, 0.25, 0.25];
        for (var k = 0; k < 5; k++)
        {
            StatAssert.ShareNear(expected[k], hits[k], n);
        }
    }

    [Fact]
    public void RealRow_AnyCondition_RowHasThatCategory()
    {
        var rng = new Rng(4);
        var categories = new[] { Enumerable.Range(0, 1000).Select(_ => rng.Next(3)).ToArray(), Enumerable.Range(0, 1000).Select(_ => rng.Next(2)).ToArray() };
        long[][] counts = [[.. Enumerable.Range(0, 3).Select(k => (long)categories[0].Count(c => c == k))], [.. Enumerable.Range(0, 2).Select(k => (long)categories[1].Count(c => c == k))]];
        var sampler = new ConditionalSampler(counts, categories);

        for (var i = 0; i < 2000; i++)
        {
            var (column, category) = sampler.SampleTraining(rng);
            var row = sampler.RealRow(column, category, rng);
            Assert.Equal(category, categories[column][row]);
        }
    }

    [Fact]
    public void Categorize_EncodedRows_ArgmaxOfEachBlock()
    {
        // Two rows of width 5: a scalar, then a 2-wide block, then a 2-wide block.
        float[] encoded = [0.3f, 0f, 1f, 1f, 0f, -0.2f, 1f, 0f, 0.1f, 0.9f];

        var categories = ConditionalSampler.Categorize(encoded, 2, 5, [(1, 2), (3, 2)]);

        Assert.Equal([1, 0], categories[0]);
        Assert.Equal([0, 1], categories[1]);
    }

    [Fact]
    public void Write_Condition_OneHotAtColumnOffset()
    {
        var sampler = new ConditionalSampler(Counts);
        var row = new float[sampler.Width];

        sampler.Write(row, 1, 1);

        Assert.Equal([0f, 0f, 0f, 0f, 1f], row);
    }
}
