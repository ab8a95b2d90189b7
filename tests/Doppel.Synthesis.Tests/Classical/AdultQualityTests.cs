using Doppel.Synthesis.KernelDensity;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.Smote;
using Xunit.Abstractions;

namespace Doppel.Synthesis.Tests.Classical;

/// <summary>The quality targets on Adult (80% train, 20% holdout). Slow: each fits, samples 26k rows and trains the TSTR classifier.</summary>
[Trait("Category", "Slow")]
public sealed class AdultQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Gmm_Adult_MeetsShapePairAndTstrTargets()
    {
        var report = AdultQuality.Run(new GmmSynthesizer(), output, privacy: true);

        Assert.True(report.Quality.ColumnShapes >= 0.95, $"shapes {report.Quality.ColumnShapes}");
        Assert.True(report.Quality.ColumnPairTrends >= 0.93, $"pair trends {report.Quality.ColumnPairTrends}");
        Assert.True(report.MlEfficacy!.Synthetic!.MacroF1 >= 0.72, $"TSTR macro-F1 {report.MlEfficacy.Synthetic.MacroF1}");
    }

    [Fact]
    public void Smote_Adult_MeetsTstrTarget()
    {
        var report = AdultQuality.Run(new SmoteSynthesizer(new SmoteOptions { Target = "income" }), output, privacy: true);

        Assert.True(report.MlEfficacy!.Synthetic!.MacroF1 >= 0.78, $"TSTR macro-F1 {report.MlEfficacy.Synthetic.MacroF1}");
    }

    [Fact]
    public void Kde_Adult_BeatsIndependentOnPairTrends()
    {
        var report = AdultQuality.Run(new KdeSynthesizer(), output, privacy: true);

        // Independent columns reach 0.920 on pair trends (REFERENCE.md).
        Assert.True(report.Quality.ColumnPairTrends > 0.920, $"pair trends {report.Quality.ColumnPairTrends}");
    }
}
