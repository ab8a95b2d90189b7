using System.CommandLine;
using System.CommandLine.Invocation;
using Doppel.Synthesis;
using Spectre.Console;

namespace Doppel.Cli;

/// <summary>
/// Runs <c>doppel</c> in-process: parses the arguments, invokes the command and maps every outcome to an exit code
/// (<see cref="ExitCodes"/>) with a one-line message on stderr. Stack traces are shown only with <c>--verbose</c>.
/// </summary>
public static class Cli
{
    /// <summary>Shows stack traces of failures; accepted by every command.</summary>
    internal static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "Show the stack trace of a failure.",
        Recursive = true,
    };

    /// <summary>Runs <c>doppel</c> with <paramref name="args"/>.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Where data goes (CSV, JSON, help).</param>
    /// <param name="stderr">Where messages, progress and tables go.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C); the run then exits with 130.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, IAnsiConsole stderr, CancellationToken cancellationToken) =>
        RunAsync(args, new CliContext(stdout, stderr, BuiltInSynthesizers.Registry, TimeProvider.System), cancellationToken);

    /// <summary>Runs <c>doppel</c> with an explicit context (another registry or clock, for tests).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var help = parse.CommandResult.Command is RootCommand ? "doppel --help" : $"doppel {parse.CommandResult.Command.Name} --help";
            context.Say($"doppel: {string.Join(" ", parse.Errors.Select(e => OneLine(e.Message)))} (see '{help}')");
            return ExitCodes.Usage;
        }

        var verbose = parse.GetValue(VerboseOption);
        var configuration = new InvocationConfiguration
        {
            Output = context.Out,
            Error = new ConsoleWriter(context.Error),
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e, context, verbose);
        }
    }

    /// <summary>The root command with every command of <see cref="Program.Commands"/>.</summary>
    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Doppel: learn a table and write synthetic rows that keep its statistics.\n\n" +
            "Example:\n  doppel fit data/adult.csv --synthesizer gaussian-copula -o adult.model\n  doppel sample adult.model -n 1000 -o synthetic.csv");
        root.Options.Add(VerboseOption);
        foreach (var create in Program.Commands)
        {
            root.Subcommands.Add(create(context));
        }

        return root;
    }

    /// <summary>Maps a failure to its exit code and writes its one-line message.</summary>
    internal static int Report(Exception exception, CliContext context, bool verbose)
    {
        var (code, message) = exception switch
        {
            OperationCanceledException => (ExitCodes.Cancelled, "cancelled; no output was written."),
            UsageException or InvalidOptionsException => (ExitCodes.Usage, exception.Message),
            DoppelException => (ExitCodes.Failure, exception.Message),
            FileNotFoundException f => (ExitCodes.Failure, $"{f.FileName ?? "file"}: no such file."),
            DirectoryNotFoundException or UnauthorizedAccessException or IOException => (ExitCodes.Failure, exception.Message),
            _ => (ExitCodes.Failure, $"unexpected {exception.GetType().Name}: {exception.Message}" + (verbose ? "" : " (run with --verbose for the stack trace)")),
        };
        context.Say($"doppel: {OneLine(message)}");
        if (verbose)
        {
            context.Say(exception.ToString());
        }

        return code;
    }

    /// <summary>Joins the lines of <paramref name="message"/> so that every failure is reported on one line.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>A TextWriter over an <see cref="IAnsiConsole"/>, for the parser's own messages.</summary>
    private sealed class ConsoleWriter(IAnsiConsole console) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => console.Write(new Text(value.ToString()));

        public override void Write(string? value) => console.Write(new Text(value ?? ""));

        public override void WriteLine(string? value) => console.WriteLine(value ?? "");
    }
}
