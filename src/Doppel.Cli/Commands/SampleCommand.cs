using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel sample MODEL -n ROWS -o OUT.csv</c>: draws rows from a model file, streaming batches to the CSV.</summary>
internal static class SampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A model file written by 'doppel fit'." };
        var rows = new Option<long>("--rows", "-n") { Description = "How many rows to draw (at least 1).", HelpName = "ROWS" };
        rows.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() <= 0)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"-n must be a positive number of rows (got {result.GetValueOrDefault<long>()})."));
            }
        });
        var output = CommonOptions.Output("Where to write the rows: OUT.csv, OUT.parquet, a folder (part-0000i.parquet), sqlite:FILE or postgres:[TABLE]; written whole or not at all.", "OUT");
        var locations = new TableLocationOptions();
        var conditions = new ConditionOptions();
        var seed = CommonOptions.Seed();
        var batch = new Option<int>("--batch-size")
        {
            Description = "Rows generated and written at a time (memory use; the rows do not depend on it).",
            HelpName = "ROWS",
            DefaultValueFactory = _ => new SampleOptions().BatchSize,
        };
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--batch-size must be positive.");
            }
        });
        var command = new Command("sample",
            "Draw synthetic rows from a model file and write them as CSV.\n\n" +
            "Example:\n  doppel sample adult.model -n 32561 -o synthetic.csv --seed 7")
        {
            model, rows, output, seed, batch,
        };
        locations.AddOutputTo(command);
        conditions.AddTo(command);
        var balance = Balance.AddTo(command, rows);
        command.Validators.Add(result =>
        {
            if (result.GetValue(balance) is not null && result.GetValue(conditions.Condition) is { Length: > 0 })
            {
                result.AddError("--balance and --condition cannot be combined: --balance already chooses the class of every row.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(model);
            var loaded = ModelFile.Load(path, context.Registry);
            if (parse.GetValue(balance) is { } column)
            {
                var written = Balance.Run(context, loaded, column, CommonOptions.SeedOrDraw(parse, seed, context, "sample"),
                    locations.Output(parse, parse.GetRequiredValue(output), 0), parse.GetValue(locations.Replace), cancellationToken);
                context.Say(string.Create(CultureInfo.InvariantCulture, $"wrote {written:N0} rows from {loaded.SynthesizerName} to {parse.GetRequiredValue(output)}"));
                return Task.FromResult(ExitCodes.Success);
            }

            var count = parse.GetValue(rows);
            var options = new SampleOptions
            {
                Conditions = conditions.Read(parse, loaded),
                Seed = CommonOptions.SeedOrDraw(parse, seed, context, "sample"),
                BatchSize = parse.GetValue(batch),
            };
            var target = parse.GetRequiredValue(output);
            var location = locations.Output(parse, target, locations.ShardOf(parse).Index);
            var clock = Stopwatch.StartNew();
            count = locations.Sample(parse, loaded, count, options, location, cancellationToken);
            target = location.ToString();

            context.Say(string.Create(CultureInfo.InvariantCulture, $"wrote {count:N0} rows from {loaded.SynthesizerName} to {target} ({clock.Elapsed.TotalSeconds:F2} s)"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
