using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Doppel.Synthesis;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel fit DATA --synthesizer NAME -o MODEL</c>: learns a CSV table and writes a model file.</summary>
internal static class FitCommand
{
    /// <summary>The synthesizer used when none is named.</summary>
    public const string DefaultSynthesizer = GaussianCopulaSynthesizer.SynthesizerName;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Argument<string>("DATA") { Description = "The table to learn: a CSV or Parquet file, sqlite:FILE or postgres:[TABLE] (with --table, --connection)." };
        var locations = new TableLocationOptions();
        var synthesizer = new Option<string>("--synthesizer", "-s")
        {
            Description = $"The synthesizer ({string.Join(", ", context.SynthesizerNames)}; see 'doppel models').",
            HelpName = "NAME",
            DefaultValueFactory = _ => DefaultSynthesizer,
        };
        var output = CommonOptions.Output("Where to write the model file (replaced atomically).", "MODEL");
        var seed = CommonOptions.Seed();
        var set = new Option<string[]>("--set")
        {
            Description = "Set a hyperparameter of the synthesizer, e.g. --set knots=512 (names as in docs/MODELS.md). Repeatable.",
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.OneOrMore,
        };
        var training = new TrainingOptions();
        var input = new TableInputOptions();
        var command = new Command("fit",
            "Learn a CSV table and write a model file that 'doppel sample' draws rows from.\n\n" +
            "Example:\n  doppel fit data/adult.csv --synthesizer gaussian-copula -o adult.model --seed 7")
        {
            data, synthesizer, output, seed, set,
        };
        input.AddTo(command);
        locations.AddInputTo(command);
        training.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var descriptor = context.Registry.Get(parse.GetRequiredValue(synthesizer));
            var model = training.Create(parse, descriptor, Overrides(parse.GetValue(set) ?? []));
            var path = parse.GetRequiredValue(data);
            var clock = Stopwatch.StartNew();
            // A resumed fit uses the checkpoint's seed.
            var fitSeed = training.IsResuming(parse) ? parse.GetValue(seed) ?? 0 : CommonOptions.SeedOrDraw(parse, seed, context, "fit");
            var fitOptions = training.Apply(parse, new FitOptions { Seed = fitSeed });
            var fitted = TrainingOptions.Run(context, fitOptions, progress =>
                TableCommands.Fit(parse, input, locations.Location(parse, path), model, fitOptions, context, cancellationToken, progress));
            if (fitted is null)
            {
                return Task.FromResult(ExitCodes.Cancelled);
            }

            var target = parse.GetRequiredValue(output);
            fitted.Save(target);
            context.Say(string.Create(CultureInfo.InvariantCulture, $"fitted {descriptor.Name} in {clock.Elapsed.TotalSeconds:F2} s; model written to {target}"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>The <c>--set NAME=VALUE</c> pairs as a JSON object: numbers and true/false as such, anything else as text.</summary>
    /// <exception cref="UsageException">A pair has no '=' or an empty name.</exception>
    internal static JsonObject? Overrides(IReadOnlyList<string> pairs)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--set expects NAME=VALUE (got '{pair}').");
            }

            var name = pair[..eq].Trim().Replace('-', '_');
            var text = pair[(eq + 1)..].Trim();
            result[name] = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole)
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? JsonValue.Create(real)
                : bool.TryParse(text, out var flag) ? JsonValue.Create(flag)
                : JsonValue.Create(text);
        }

        return result;
    }
}
