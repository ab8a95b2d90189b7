using System.CommandLine;
using System.Text.Json.Nodes;
using Doppel.Synthesis;
using Doppel.Synthesis.Neural.Training;

namespace Doppel.Cli.Commands;

/// <summary>
/// The flags of <c>doppel fit</c> for synthesizers trained in epochs: <c>--epochs</c>, <c>--batch-size</c> and
/// <c>--learning-rate</c> (set the options record's properties of those names), <c>--checkpoint</c> and
/// <c>--resume</c>; and the progress bar and Ctrl+C handling around the fit.
/// </summary>
internal sealed class TrainingOptions
{
    private readonly Option<int?> _epochs = new("--epochs") { Description = "Passes over the data (neural synthesizers; their 'epochs' option).", HelpName = "N" };
    private readonly Option<int?> _batchSize = new("--batch-size") { Description = "Rows per training step (neural synthesizers; their 'batch_size' option).", HelpName = "ROWS" };
    private readonly Option<double?> _learningRate = new("--learning-rate") { Description = "The optimiser's learning rate (neural synthesizers; their 'learning_rate' option).", HelpName = "RATE" };
    private readonly Option<string?> _checkpoint = new("--checkpoint")
    {
        Description = "Save the training state here at the end of every epoch and on Ctrl+C (neural synthesizers), for --resume.",
        HelpName = "FILE",
    };

    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "Continue the fit saved in this checkpoint (same data; its hyperparameters and seed are used).",
        HelpName = "FILE",
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_epochs);
        command.Options.Add(_batchSize);
        command.Options.Add(_learningRate);
        command.Options.Add(_checkpoint);
        command.Options.Add(_resume);
    }

    /// <summary>Creates the synthesizer with <paramref name="overrides"/> (from <c>--set</c>) and the training flags over them.</summary>
    /// <exception cref="UsageException">A training flag was given for a synthesizer without that option.</exception>
    public ISynthesizer Create(ParseResult parse, SynthesizerDescriptor descriptor, JsonObject? overrides)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(descriptor);
        var flags = new List<(string Flag, string Key, JsonNode Value)>();
        if (parse.GetValue(_epochs) is { } epochs)
        {
            flags.Add(("--epochs", "epochs", JsonValue.Create(epochs)));
        }

        if (parse.GetValue(_batchSize) is { } batch)
        {
            flags.Add(("--batch-size", "batch_size", JsonValue.Create(batch)));
        }

        if (parse.GetValue(_learningRate) is { } rate)
        {
            flags.Add(("--learning-rate", "learning_rate", JsonValue.Create(rate)));
        }

        var trained = IsTrainedInEpochs(descriptor);
        foreach (var (flag, file) in new[] { ("--checkpoint", parse.GetValue(_checkpoint)), ("--resume", parse.GetValue(_resume)) })
        {
            if (file is not null && !trained)
            {
                throw new UsageException($"{flag}: the {descriptor.Name} synthesizer is not trained in epochs, so it has no training state to save or resume.");
            }
        }

        var merged = overrides ?? [];
        foreach (var (_, key, value) in flags)
        {
            merged[key] = value;
        }

        try
        {
            return descriptor.Create(merged.Count == 0 ? null : merged);
        }
        catch (InvalidOptionsException e)
        {
            foreach (var (flag, key, _) in flags)
            {
                if (e.Problems.Any(p => p.StartsWith($"'{key}' is not an option", StringComparison.Ordinal)))
                {
                    throw new UsageException($"{flag}: the {descriptor.Name} synthesizer has no {key} option (see 'doppel models' and docs/MODELS.md).", e);
                }
            }

            throw;
        }
    }

    /// <summary>Whether the fit continues a checkpoint (whose seed it then uses).</summary>
    public bool IsResuming(ParseResult parse) => parse?.GetValue(_resume) is not null;

    /// <summary>The run settings with the checkpoint and resume paths.</summary>
    public FitOptions Apply(ParseResult parse, FitOptions options) =>
        options with { CheckpointPath = parse.GetValue(_checkpoint), ResumeFrom = parse.GetValue(_resume) };

    /// <summary>
    /// Runs the fit under the progress bar. Returns null when the fit was cancelled after saving a checkpoint (the
    /// message names it); any other cancellation propagates.
    /// </summary>
    public static ISynthesizerModel? Run(CliContext context, FitOptions options, Func<IProgress<TrainingProgress>, ISynthesizerModel> fit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return TrainingProgressBar.Run(context, fit);
        }
        catch (TrainingCancelledException e) when (e.CheckpointPath is not null)
        {
            context.Say($"doppel: cancelled at the end of a step in epoch {e.Epoch}; the training state is saved in {e.CheckpointPath}. " +
                $"Run the same command with --resume {e.CheckpointPath} to continue.");
            return null;
        }
    }

    /// <summary>Whether the synthesizer has an <c>epochs</c> option (only such synthesizers train in steps).</summary>
    private static bool IsTrainedInEpochs(SynthesizerDescriptor descriptor)
    {
        try
        {
            descriptor.Create(new JsonObject { ["epochs"] = 1 });
            return true;
        }
        catch (InvalidOptionsException)
        {
            return false;
        }
    }
}
