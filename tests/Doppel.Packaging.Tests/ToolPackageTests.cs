namespace Doppel.Packaging.Tests;

[Collection(PackedFeedGroup.Name)]
[Trait("Category", "Slow")]
public sealed class ToolPackageTests(PackedFeed feed)
{
    [Fact]
    public void ToolInstall_FromPackedFolder_DoppelHelpRuns()
    {
        var tools = feed.Scratch("tools");

        Dotnet.Run(tools, 180, "tool", "install", "--tool-path", tools, "--add-source", feed.Folder, "doppel", "--version", feed.Version)
            .EnsureSuccess("dotnet tool install");
        var help = Dotnet.Exec(Path.Combine(tools, "doppel"), tools, 60, "--help");
        var version = Dotnet.Exec(Path.Combine(tools, "doppel"), tools, 60, "--version");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
        Assert.Contains("fit", help.Output, StringComparison.Ordinal);
        Assert.Contains("evaluate", help.Output, StringComparison.Ordinal);
        Assert.Equal(0, version.ExitCode);
    }

    [Fact]
    public void ToolInstall_Models_ListsTheSynthesizers()
    {
        var tools = feed.Scratch("tools-models");

        Dotnet.Run(tools, 180, "tool", "install", "--tool-path", tools, "--add-source", feed.Folder, "doppel", "--version", feed.Version)
            .EnsureSuccess("dotnet tool install");
        var models = Dotnet.Exec(Path.Combine(tools, "doppel"), tools, 60, "models");

        Assert.Equal(0, models.ExitCode);
        Assert.Contains("gaussian-copula", models.Output, StringComparison.Ordinal);
    }
}
