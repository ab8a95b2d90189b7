using Doppel.Synthesis;

namespace Doppel.Cli.Tests;

public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Models_ListsEveryRegisteredSynthesizerOnStdout()
    {
        var result = await CliRunner.RunAsync("models");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(BuiltInSynthesizers.Registry.Descriptors.Select(d => d.Name), lines.Select(l => l.Split(' ')[0]));
        Assert.All(lines, l => Assert.True(l.Length > 30, l));
    }
}
