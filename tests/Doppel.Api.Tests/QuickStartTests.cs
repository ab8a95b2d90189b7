using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Synthesis;
using Doppel.TestKit;

namespace Doppel.Api.Tests;

public sealed class QuickStartTests
{
    [Fact]
    public void FiveLines_AdultSample_ReportHasFidelityAndEfficacy()
    {
        var table = Table.ReadCsv(TestData.File("adult.csv"));
        var model = Synthesizers.GaussianCopula().Fit(table);
        Table synthetic = model.Sample(2_000, seed: 1);
        QualityReport report = Evaluate.Compare(table, synthetic, target: "income");

        Assert.Equal(2_000, synthetic.RowCount);
        Assert.Equal(table.Schema, synthetic.Schema);
        Assert.InRange(report.Quality.Score!.Value, 0.5, 1.0);
        Assert.NotNull(report.MlEfficacy);
        Assert.NotNull(report.Privacy);
    }

    [Fact]
    public void Sample_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        var table = TestTables.Mixed(300, seed: 5);
        var model = Synthesizers.Independent().Fit(table);

        var a = TestTables.Render(model.Sample(100, seed: 1));
        var b = TestTables.Render(model.Sample(100, seed: 1));
        var c = TestTables.Render(model.Sample(100, seed: 2));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task SampleBatchesAsync_SmallBatches_SameRowsAsOneSample()
    {
        var table = TestTables.Mixed(300, seed: 6);
        var model = await Synthesizers.GaussianCopula().FitAsync(table, new FitOptions { Seed = 3 });
        var batches = new List<Table>();

        await foreach (var batch in model.SampleBatchesAsync(5_000, new SampleOptions { Seed = 9, BatchSize = 1_000 }))
        {
            batches.Add(batch);
        }

        Assert.Equal(5, batches.Count);
        Assert.All(batches, b => Assert.Equal(1_000, b.RowCount));
        Assert.Equal(TestTables.Render(model.Sample(5_000, seed: 9)), TestTables.Render(TableConcat.Concat(batches)));
    }

    [Fact]
    public async Task SampleAsync_WithProgress_ReportsEveryBatchUpToTotal()
    {
        var model = Synthesizers.Independent().Fit(TestTables.Mixed(200, seed: 7));
        var reports = new List<SampleProgress>();
        var progress = new SynchronousProgress<SampleProgress>(reports.Add);

        var table = await model.SampleAsync(10_000, new SampleOptions { Seed = 1, BatchSize = 4_096 }, progress);

        Assert.Equal(10_000, table.RowCount);
        Assert.Equal([4_096L, 8_192L, 10_000L], reports.Select(r => r.Rows));
        Assert.All(reports, r => Assert.Equal(10_000, r.TotalRows));
    }

    [Fact]
    public async Task FitAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Synthesizers.Gmm().FitAsync(TestTables.Mixed(200, seed: 8), cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task SampleBatchesAsync_CancelledWhileStreaming_Throws()
    {
        var model = Synthesizers.Independent().Fit(TestTables.Mixed(200, seed: 8));
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in model.SampleBatchesAsync(1_000_000, new SampleOptions { BatchSize = 4_096 }, cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
    }

    [Fact]
    public void Sample_Condition_EveryRowMeetsIt()
    {
        var table = Table.ReadCsv(TestData.File("adult.csv"));
        var model = Synthesizers.GaussianCopula().Fit(table);

        var rows = model.Sample(500, new SampleOptions { Seed = 2, Conditions = [Condition.Parse("age>=60")] });

        var ages = (IntegerColumn)rows["age"];
        Assert.All(ages.Values, age => Assert.True(age >= 60, $"age {age} < 60"));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
