using Doppel.Synthesis;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Doppel.Cli.Tests;

public sealed class TrainingProgressBarTests
{
    private static readonly Dictionary<string, double> Losses = new(StringComparer.Ordinal) { ["loss"] = 0.5, ["kl"] = 1.25 };

    [Fact]
    public void RunBar_TrainerReportsEpochLossesAndTimeLeft_BarShowsThem()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        console.Profile.Width = 120;

        var result = TrainingProgressBar.RunBar(console, progress =>
        {
            progress.Report(new TrainingProgress("tvae", 2, 10, Losses) { Epoch = 2, TotalEpochs = 10, Remaining = TimeSpan.FromSeconds(80) });
            progress.Report(new TrainingProgress("tvae", 3, 10, Losses) { Epoch = 3, TotalEpochs = 10, Remaining = TimeSpan.FromSeconds(65) });
            return 42;
        });

        Assert.Equal(42, result);
        var output = console.Output;
        Assert.Contains("epoch 3/10  kl 1.25  loss 0.5", output, StringComparison.Ordinal);
        Assert.Contains("00:01:05 left", output, StringComparison.Ordinal);
        Assert.Contains("30%", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RunBar_StageFinished_ShowsNoTimeLeft()
    {
        var console = new TestConsole().Interactive().EmitAnsiSequences();
        console.Profile.Width = 120;

        TrainingProgressBar.RunBar(console, progress =>
        {
            progress.Report(new TrainingProgress("bic sweep", 4, 4, Losses) { Remaining = TimeSpan.FromSeconds(9) });
            return 0;
        });

        Assert.Contains("bic sweep  kl 1.25  loss 0.5", console.Output, StringComparison.Ordinal);
        Assert.Contains("00:00:00 left", console.Output, StringComparison.Ordinal);
        Assert.Contains("100%", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ConsoleNotATerminal_WritesPlainLines()
    {
        var console = new TestConsole();
        var context = new CliContext(new StringWriter(), console, BuiltInSynthesizers.Registry, TimeProvider.System);

        TrainingProgressBar.Run(context, progress =>
        {
            progress.Report(new TrainingProgress("tvae", 3, 10, Losses) { Epoch = 3, TotalEpochs = 10 });
            return 0;
        });

        Assert.Equal("  tvae 3/10  kl 1.25  loss 0.5", console.Output.TrimEnd());
    }
}
