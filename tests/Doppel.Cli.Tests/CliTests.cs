using Doppel.Synthesis;
using Spectre.Console;

namespace Doppel.Cli.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Run_UnknownCommand_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("frobnicate", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Run_UnknownFlag_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("models", "--colour");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--colour", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EveryCommand_ShowsAnExample()
    {
        var names = Cli.BuildRoot(Context()).Subcommands.Select(c => c.Name).ToList();

        foreach (var name in names)
        {
            var result = await CliRunner.RunAsync(name, "--help");

            Assert.True(result.ExitCode == 0, $"{name} --help: {result}");
            Assert.Contains("Example:", result.Stdout, StringComparison.Ordinal);
            Assert.Contains($"doppel {name}", result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Report_MapsExceptionsToExitCodes()
    {
        var context = Context();

        Assert.Equal(ExitCodes.Cancelled, Cli.Report(new OperationCanceledException(), context, verbose: false));
        Assert.Equal(ExitCodes.Usage, Cli.Report(new UsageException("-n must be positive"), context, verbose: false));
        Assert.Equal(ExitCodes.Usage, Cli.Report(new InvalidOptionsException("options", ["knots: too small"]), context, verbose: false));
        Assert.Equal(ExitCodes.Failure, Cli.Report(new ModelFileException("m.doppel", "truncated"), context, verbose: false));
        Assert.Equal(ExitCodes.Failure, Cli.Report(new DataFormatException("a.csv", 3, "age", "not a number"), context, verbose: false));
        Assert.Equal(ExitCodes.Failure, Cli.Report(new InvalidOperationException("bug"), context, verbose: false));
    }

    [Fact]
    public void Report_Failure_OneLineWithoutStackTraceUnlessVerbose()
    {
        var quiet = new StringWriter();
        var loud = new StringWriter();
        var thrown = Thrown();

        Cli.Report(thrown, Context(quiet), verbose: false);
        Cli.Report(thrown, Context(loud), verbose: true);

        Assert.Single(quiet.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("first second", quiet.ToString(), StringComparison.Ordinal);
        Assert.Contains(" at ", loud.ToString(), StringComparison.Ordinal);
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("first\nsecond");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    private static CliContext Context(StringWriter? stderr = null) =>
        new(new StringWriter(), AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr ?? new StringWriter()),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        }), BuiltInSynthesizers.Registry, TimeProvider.System);
}
