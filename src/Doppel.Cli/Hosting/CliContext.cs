using System.Collections.Immutable;
using System.Globalization;
using Doppel.Synthesis;
using Spectre.Console;

namespace Doppel.Cli;

/// <summary>
/// What every command needs from its host: where data goes (<see cref="Out"/>, stdout), where messages, progress
/// and tables go (<see cref="Error"/>, stderr), the synthesizer registry and the clock. Commands never touch
/// <c>System.Console</c>.
/// </summary>
public sealed class CliContext
{
    /// <summary>Creates the context.</summary>
    internal CliContext(TextWriter output, IAnsiConsole error, SynthesizerRegistry registry, TimeProvider time)
    {
        Out = output;
        Error = error;
        Registry = registry;
        Time = time;
    }

    /// <summary>Data: CSV, JSON. Nothing else is written here.</summary>
    public TextWriter Out { get; }

    /// <summary>Messages, progress and tables, for people.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>The synthesizers that <c>fit</c> and model files can name.</summary>
    internal SynthesizerRegistry Registry { get; }

    /// <summary>The clock, for elapsed times.</summary>
    public TimeProvider Time { get; }

    /// <summary>Writes one plain line (no markup, never wrapped) to <see cref="Error"/>.</summary>
    public void Say(string line)
    {
        var writer = Error.Profile.Out.Writer;
        writer.WriteLine(line);
        writer.Flush();
    }

    /// <summary>
    /// A progress sink for a fit: one line per stage on a non-interactive console (at most one line per
    /// tenth of the stage), a redrawn line on an interactive one.
    /// </summary>
    public IProgress<TrainingProgress> Progress() => new LineProgress(this);

    /// <summary>A fresh seed for a run that was not given one (printed by the caller so the run can be replayed).</summary>
    public static ulong DrawSeed() => (ulong)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    private sealed class LineProgress(CliContext context) : IProgress<TrainingProgress>
    {
        private string? _stage;
        private long _lastTenth = -1;

        public void Report(TrainingProgress value)
        {
            var tenth = value.TotalSteps <= 0 ? 0 : value.Step * 10 / value.TotalSteps;
            if (value.Stage == _stage && tenth == _lastTenth)
            {
                return;
            }

            _stage = value.Stage;
            _lastTenth = tenth;
            var losses = value.Losses.Count == 0
                ? ""
                : "  " + string.Join("  ", value.Losses.OrderBy(l => l.Key, StringComparer.Ordinal)
                    .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key} {l.Value:G4}")));
            context.Say(string.Create(CultureInfo.InvariantCulture, $"  {value.Stage} {value.Step}/{value.TotalSteps}{losses}"));
        }
    }

    /// <summary>The names of the registered synthesizers, for help text.</summary>
    public ImmutableArray<string> SynthesizerNames => [.. Registry.Descriptors.Select(d => d.Name)];
}
