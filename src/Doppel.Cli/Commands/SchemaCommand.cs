using System.CommandLine;
using Doppel.Data;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel schema DATA</c>: prints the inferred schema (with any overrides) as JSON on stdout.</summary>
internal static class SchemaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Argument<string>("DATA") { Description = "The CSV file." };
        var input = new TableInputOptions();
        var command = new Command("schema",
            "Infer the schema of a CSV file (column kinds, formats, missing tokens) and print it as JSON. Edit it and pass it back with --schema.\n\n" +
            "Example:\n  doppel schema data/adult.csv --na '?' > schema.json")
        {
            data,
        };
        input.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(data);
            var options = input.ReadOptions(parse);
            var schema = input.InferSchema(parse, path);
            context.Out.Write(new SchemaFile(schema, options.MissingTokens).ToJson());
            context.Out.Write('\n');
            return ExitCodes.Success;
        });
        return command;
    }
}
