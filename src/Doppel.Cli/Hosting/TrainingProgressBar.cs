using System.Globalization;
using Doppel.Synthesis;
using Spectre.Console;

namespace Doppel.Cli;

/// <summary>
/// The progress of a fit on stderr: on a terminal, a Spectre.Console bar redrawn in place with the epoch, the losses
/// and the time left (the trainer's own estimate when it gives one); otherwise the plain lines of
/// <see cref="CliContext.Progress"/>.
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

        return RunBar(context.Error, work);
    }

    /// <summary>Runs <paramref name="work"/> under the bar drawn on <paramref name="console"/>, whatever the console.</summary>
    internal static T RunBar<T>(IAnsiConsole console, Func<IProgress<TrainingProgress>, T> work)
    {
        var timeLeft = new TimeLeftColumn();
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), timeLeft)
            .Start(ctx => work(new Sink(ctx, timeLeft)));
    }

    /// <summary>
    /// The time left: what the trainer reported (<see cref="TrainingProgress.Remaining"/>, which knows the epochs to
    /// come), else Spectre.Console's estimate from the bar's speed.
    /// </summary>
    private sealed class TimeLeftColumn : ProgressColumn
    {
        private readonly Dictionary<int, TimeSpan> _reported = [];

        public void Report(ProgressTask task, TimeSpan? remaining)
        {
            lock (_reported)
            {
                if (remaining is { } left)
                {
                    _reported[task.Id] = left;
                }
                else
                {
                    _reported.Remove(task.Id);
                }
            }
        }

        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            TimeSpan? left;
            lock (_reported)
            {
                left = _reported.TryGetValue(task.Id, out var reported) ? reported : task.RemainingTime;
            }

            if (task.IsFinished)
            {
                left = TimeSpan.Zero;
            }

            return left is not { } l || l.TotalHours >= 100
                ? new Markup("--:--:--")
                : new Text(string.Create(CultureInfo.InvariantCulture, $"{(int)l.TotalHours:00}:{l.Minutes:00}:{l.Seconds:00} left"));
        }
    }

    /// <summary>One bar per stage; the description carries the epoch and the epoch's mean losses so far.</summary>
    private sealed class Sink(ProgressContext context, TimeLeftColumn timeLeft) : IProgress<TrainingProgress>
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
            timeLeft.Report(task, value.Remaining);
            task.Value = value.Step;
        }
    }
}
