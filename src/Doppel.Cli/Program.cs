using System.CommandLine;
using Doppel.Cli.Commands;
using Spectre.Console;

namespace Doppel.Cli;

/// <summary>The <c>doppel</c> executable: the list of commands and the console boundary.</summary>
public static class Program
{
    /// <summary>
    /// Every command, in the order help lists them. A new command is one line here: the factory of its
    /// <see cref="Command"/> (see <c>Commands/ModelsCommand.cs</c> for the pattern).
    /// </summary>
    internal static IReadOnlyList<Func<CliContext, Command>> Commands { get; } =
    [
        SchemaCommand.Create,
        FitCommand.Create,
        SampleCommand.Create,
        ModelsCommand.Create,
        DemoCommand.Create,
        EvaluateCommand.Create,
        SplitCommand.Create,
        GenerateCommand.Create,
        SpecCommand.Create,
        ClassifyCommand.Create,
    ];

    /// <summary>Runs <c>doppel</c> on the process's console; returns the exit code.</summary>
    public static async Task<int> Main(string[] args)
    {
        // Program is the console boundary: only here is System.Console touched. Its streams are handed to
        // Cli.RunAsync, so every command writes through the injected TextWriter (data) and IAnsiConsole
        // (messages, progress, tables), exactly as the tests run it in-process.
#pragma warning disable RS0030
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C cancels the run (the command stops and exits with 130); a second one ends the process.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var stdout = Console.Out;
#pragma warning restore RS0030
        return await Cli.RunAsync(args, stdout, stderr, cancellation.Token);
    }
}
