using System.CommandLine;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel models</c>: lists the synthesizers, one line each on what they are for.</summary>
internal static class ModelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("models", "List the synthesizers that 'doppel fit --synthesizer NAME' accepts, one per line: name, then what it is for.\n\nExample:\n  doppel models");
        command.SetAction(parse =>
        {
            var width = context.Registry.Descriptors.Max(d => d.Name.Length);
            foreach (var d in context.Registry.Descriptors)
            {
                context.Out.WriteLine($"{d.Name.PadRight(width)}  {d.Summary}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
