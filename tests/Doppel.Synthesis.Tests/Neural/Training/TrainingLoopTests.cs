using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis.Neural.Training;

namespace Doppel.Synthesis.Tests.Neural.Training;

public sealed class TrainingLoopTests
{
    [Fact]
    public void Run_TenRowsBatchFour_ThreeStepsAnEpochEveryRowOnce()
    {
        var step = new RecordingStep();
        var reports = new List<TrainingProgress>();

        var history = TrainingLoop.Run(step, new TrainingPlan(10, 4, 2, DropLast: false), new Rng(1),
            TrainingHistory.Start(step.LossNames, 10), new Collect(reports), null, CancellationToken.None);

        Assert.Equal(6, step.Batches.Count);
        Assert.Equal([4, 4, 2], step.Batches.Take(3).Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), step.Batches.Take(3).SelectMany(b => b).Order());
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(6, r.TotalSteps));
        Assert.Equal([1, 1, 1, 2, 2, 2], reports.Select(r => r.Epoch));
        Assert.Equal(2, history.CompletedEpochs);
        // The step reports its 1-based global step as the loss: epoch means (1+2+3)/3 and (4+5+6)/3.
        Assert.Equal([2.0, 5.0], history.LossCurves["step"].ToArray());
    }

    [Fact]
    public void Run_DropLast_SkipsTheShortBatch()
    {
        var step = new RecordingStep();

        TrainingLoop.Run(step, new TrainingPlan(10, 4, 1, DropLast: true), new Rng(1), TrainingHistory.Start(step.LossNames, 10), null, null, CancellationToken.None);

        Assert.Equal([4, 4], step.Batches.Select(b => b.Length));
    }

    [Fact]
    public void Run_CancelledMidEpoch_SavesCheckpointAfterTheStepAndThrows()
    {
        using var cancellation = new CancellationTokenSource();
        var step = new RecordingStep { OnStep = n => { if (n == 2) { cancellation.Cancel(); } } };
        TrainingHistory? saved = null;

        var error = Assert.Throws<TrainingCancelledException>(() => TrainingLoop.Run(step, new TrainingPlan(10, 4, 3, DropLast: false), new Rng(1),
            TrainingHistory.Start(step.LossNames, 10), null, new CheckpointTarget("ck", h => saved = h), cancellation.Token));

        Assert.Equal("ck", error.CheckpointPath);
        Assert.Equal(2, step.Batches.Count);
        Assert.Equal(0, saved!.CompletedEpochs);
        Assert.Equal(2, saved.StepsInEpoch);
        Assert.Equal(3.0, saved.PartialSums[0]);
    }

    [Fact]
    public void Run_ResumedFromMidEpoch_SameBatchesAsUninterrupted()
    {
        var plan = new TrainingPlan(23, 5, 3, DropLast: false);
        var whole = new RecordingStep();
        TrainingLoop.Run(whole, plan, new Rng(7), TrainingHistory.Start(whole.LossNames, 23), null, null, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var first = new RecordingStep { OnStep = n => { if (n == 7) { cancellation.Cancel(); } } };
        TrainingHistory? saved = null;
        Assert.Throws<TrainingCancelledException>(() =>
            TrainingLoop.Run(first, plan, new Rng(7), TrainingHistory.Start(first.LossNames, 23), null, new CheckpointTarget("ck", h => saved = h), cancellation.Token));
        var second = new RecordingStep { Offset = 7 };

        var history = TrainingLoop.Run(second, plan, new Rng(7), saved!, null, null, CancellationToken.None);

        Assert.Equal(whole.Batches.Select(b => string.Join(",", b)), first.Batches.Concat(second.Batches).Select(b => string.Join(",", b)));
        Assert.Equal(whole.Draws, first.Draws.Concat(second.Draws));
        Assert.Equal(3, history.CompletedEpochs);
    }

    [Fact]
    public void Run_NonFiniteLoss_ThrowsNamingTheEpoch()
    {
        var step = new RecordingStep { Loss = n => n == 4 ? double.NaN : 1 };

        var error = Assert.Throws<DoppelException>(() =>
            TrainingLoop.Run(step, new TrainingPlan(10, 4, 3, DropLast: false), new Rng(1), TrainingHistory.Start(step.LossNames, 10), null, null, CancellationToken.None));

        Assert.Contains("epoch 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HistoryOfOtherData_Throws()
    {
        var step = new RecordingStep();

        Assert.Throws<DoppelException>(() =>
            TrainingLoop.Run(step, new TrainingPlan(10, 4, 3, DropLast: false), new Rng(1), TrainingHistory.Start(step.LossNames, 11), null, null, CancellationToken.None));
    }

    /// <summary>Records every batch and one draw of each step's stream; its loss is the 1-based step number.</summary>
    private sealed class RecordingStep : ITrainingStep
    {
        public List<int[]> Batches { get; } = [];

        public List<ulong> Draws { get; } = [];

        public Action<int>? OnStep { get; init; }

        public Func<int, double> Loss { get; init; } = n => n;

        public int Offset { get; init; }

        public ImmutableArray<string> LossNames { get; } = ["step"];

        public IReadOnlyList<Optimizer> Optimizers => [];

        public void Step(ReadOnlySpan<int> batch, Rng rng, Span<double> losses)
        {
            Batches.Add(batch.ToArray());
            Draws.Add(rng.NextUInt64());
            var n = Offset + Batches.Count;
            losses[0] = Loss(n);
            OnStep?.Invoke(n);
        }
    }

    private sealed class Collect(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
