using Doppel.Data;
using Doppel.Evaluation.Privacy;

namespace Doppel.Evaluation.Tests.Privacy;

public sealed class NearestNeighboursTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 2, 3)]
    [InlineData(9, 17, 5)]
    [InlineData(33, 40, 13)]
    [InlineData(300, 513, 21)]
    public void TwoNearest_RandomRows_MatchBruteForce(int m, int n, int d)
    {
        var rng = new Rng(42);
        var queries = new float[m * d];
        var reference = new float[n * d];
        rng.FillGaussian(queries);
        rng.FillGaussian(reference);

        var (first, second) = NearestNeighbours.TwoNearest(queries, m, reference, n, d, default);

        for (var i = 0; i < m; i++)
        {
            var distances = Enumerable.Range(0, n).Select(j => Math.Sqrt(Enumerable.Range(0, d).Sum(k =>
            {
                double diff = queries[(i * d) + k] - reference[(j * d) + k];
                return diff * diff;
            }))).Order().ToArray();
            Assert.Equal(distances[0], first[i], 1e-9);
            Assert.Equal(n > 1 ? distances[1] : double.PositiveInfinity, second[i]);
        }
    }

    [Fact]
    public void TwoNearest_ExactCopy_HasDistanceZero()
    {
        float[] reference = [1, 2, 3, 4, 5, 6];
        float[] queries = [3, 4];

        var (first, second) = NearestNeighbours.TwoNearest(queries, 1, reference, 3, 2, default);

        Assert.Equal(0, first[0]);
        Assert.Equal(Math.Sqrt(8), second[0], 1e-12);
    }
}
