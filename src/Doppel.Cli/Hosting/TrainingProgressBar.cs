using System.Globalization;
using Doppel.Synthesis;
using Spectre.Console;

namespace Doppel.Cli;

/// <summary>
/// The progress of a fit on stderr: on a terminal, a Spectre.Console bar redrawn in place with the epoch, the losses
/// and the time left; otherwise the plain lines of <see cref="CliContext.Progress"/>.
/// </summary>
internal static class TrainingProgressBar
{
    /// <summary>Runs <paramref name="work"/> with a progress sink suited to the console, and returns its result.</summary>
    public static T Run<T>(CliContext context, Func<IProgress<TrainingProgress>, T> work)
    {
        var profile = context.Error.Profile;
        if (!profile.Capabilities.Interactive || !profile.Out.IsTerminal || !profile.Capabilities.Ansi)
        {
            return work(context.Progress());
        }

        return context.Error.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx => work(new Sink(ctx)));
    }

    /// <summary>One bar per stage; the description carries the epoch and the epoch's mean losses so far.</summary>
    private sealed class Sink(ProgressContext context) : IProgress<TrainingProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void Report(TrainingProgress value)
        {
            if (!_tasks.TryGetValue(value.Stage, out var task))
            {
                task = context.AddTask(Markup.Escape(value.Stage), maxValue: Math.Max(1, value.TotalSteps));
                _tasks[value.Stage] = task;
            }

            var losses = string.Join("  ", value.Losses.OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key} {l.Value:G4}")));
            var what = value.TotalEpochs > 0
                ? string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch}/{value.TotalEpochs}  {losses}")
                : string.Create(CultureInfo.InvariantCulture, $"{value.Stage}  {losses}");
            task.Description = Markup.Escape(what);
            task.MaxValue = Math.Max(1, value.TotalSteps);
            task.Value = value.Step;
        }
    }
}
