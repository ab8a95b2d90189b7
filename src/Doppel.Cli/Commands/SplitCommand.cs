using System.CommandLine;
using System.Globalization;
using Doppel.Data;
using Doppel.Evaluation.Utility;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel split DATA --test 0.2 --stratify COL --seed S -o TRAIN -o TEST</c>: holds real rows out before fitting.</summary>
internal static class SplitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Argument<string>("DATA") { Description = "The CSV file to split." };
        var test = new Option<double>("--test") { Description = "Share of rows for the test part (default 0.2).", HelpName = "FRACTION", DefaultValueFactory = _ => 0.2 };
        var stratify = new Option<string?>("--stratify") { Description = "Keep this column's value shares equal in both parts.", HelpName = "COL" };
        var seed = CommonOptions.Seed();
        var output = new Option<string[]>("--output", "-o")
        {
            Description = "The training file, then the test file: -o train.csv -o test.csv.",
            HelpName = "FILE",
            Required = true,
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = false,
        };
        var input = new TableInputOptions();
        var command = new Command("split",
            "Split a CSV table into training and test rows, so a synthesizer can be fitted on one and evaluated against the other.\n\n" +
            "Example:\n  doppel split data/adult.csv --test 0.2 --stratify income --seed 0 -o train.csv -o test.csv")
        {
            data, test, stratify, seed, output,
        };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var outputs = parse.GetRequiredValue(output);
            if (outputs.Length != 2)
            {
                throw new UsageException("give two outputs: -o TRAIN -o TEST.");
            }

            var path = parse.GetRequiredValue(data);
            var table = input.Read(parse, path);
            var column = parse.GetValue(stratify);
            if (column is not null && table.Schema.TryIndexOf(column) < 0)
            {
                throw new UsageException($"--stratify: '{column}' is not a column of {path}.");
            }

            var root = CommonOptions.SeedOrDraw(parse, seed, context, "split");
            var (train, held) = TableSplit.Split(table, parse.GetValue(test), column, root);
            cancellationToken.ThrowIfCancellationRequested();
            CsvTableWriter.Write(train, outputs[0]);
            CsvTableWriter.Write(held, outputs[1]);
            context.Say(string.Create(CultureInfo.InvariantCulture, $"wrote {train.RowCount:N0} training rows to {outputs[0]} and {held.RowCount:N0} test rows to {outputs[1]}"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
