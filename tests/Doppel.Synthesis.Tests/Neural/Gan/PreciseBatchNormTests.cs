using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Gan;

namespace Doppel.Synthesis.Tests.Neural.Gan;

public sealed class PreciseBatchNormTests
{
    [Fact]
    public void Recalibrate_FreshGenerator_EvaluationModeMatchesBatchStatistics()
    {
        var generator = GanNetworks.MlpGenerator(6, [16, 8], 5, new Rng(1));
        var twin = GanNetworks.MlpGenerator(6, [16, 8], 5, new Rng(1));
        var noise = new Tape(new Rng(2)) { NoGrad = true }.RandomNormal(PreciseBatchNorm.Rows, 6, new Rng(2));
        var before = generator.Forward(new Tape(new Rng(0)) { NoGrad = true }, noise).ToArray(); // training mode: batch statistics
        generator.Training = false;
        var stale = generator.Forward(new Tape(new Rng(0)) { NoGrad = true }, noise).ToArray(); // running statistics of a fresh layer

        PreciseBatchNorm.Recalibrate(generator, 6, new Rng(2));

        Assert.False(generator.Training);
        var after = generator.Forward(new Tape(new Rng(0)) { NoGrad = true }, noise).ToArray();
        var batch = twin.Forward(new Tape(new Rng(0)) { NoGrad = true }, noise).ToArray();
        Assert.Equal(batch, before);
        Assert.True(MaxDifference(stale, batch) > 0.05, $"stale statistics differ by only {MaxDifference(stale, batch)}");
        // Unbiased against biased variance over 8,192 rows: a relative difference of 6e-5.
        Assert.True(MaxDifference(after, batch) < 1e-3, $"recalibrated output differs from batch statistics by {MaxDifference(after, batch)}");
    }

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
}
