using Doppel.TestKit;

namespace Doppel.Packaging.Tests;

/// <summary>A project outside the solution, restored from the packed packages, runs the README's five lines.</summary>
[Collection(PackedFeedGroup.Name)]
[Trait("Category", "Slow")]
public sealed class ConsumerProjectTests(PackedFeed feed)
{
    private const string Program = """
        using Doppel;
        using Doppel.Data;
        using Doppel.Evaluation;

        var table = Table.ReadCsv(args[0]);
        var model = Synthesizers.GaussianCopula().Fit(table);
        Table synthetic = model.Sample(10_000, seed: 1);
        QualityReport report = Evaluate.Compare(table, synthetic, target: "income");

        Console.WriteLine($"rows {synthetic.RowCount}");
        Console.WriteLine($"columns {synthetic.ColumnCount}");
        Console.WriteLine($"score {report.Quality.Score:F3}");
        Console.WriteLine($"efficacy {(report.MlEfficacy is null ? "missing" : "present")}");
        """;

    [Fact]
    public void OutsideProject_PackageReference_RunsTheFiveLines()
    {
        var project = feed.Scratch("consumer");
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Doppel.Api" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);
        // Adds the packed folder to the machine's package sources (which stay in force for the other dependencies).
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="doppel-packed" value="{feed.Folder}" />
              </packageSources>
            </configuration>
            """);
        var adult = TestData.File("adult.csv");
        var real = File.ReadLines(adult).Count() - 1;

        Dotnet.Run(project, 300, "build", "-c", "Release", "--disable-build-servers", "-nologo", "-v", "q").EnsureSuccess("dotnet build");
        var run = Dotnet.Run(project, 300, Path.Combine(project, "bin", "Release", "net10.0", "Consumer.dll"), adult).EnsureSuccess("the consumer");

        Assert.Contains("rows 10000", run.Output, StringComparison.Ordinal);
        Assert.Contains("columns 15", run.Output, StringComparison.Ordinal);
        Assert.Contains("efficacy present", run.Output, StringComparison.Ordinal);
        var score = double.Parse(run.Output.Split('\n').Single(l => l.StartsWith("score ", StringComparison.Ordinal))[6..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(score, 0.5, 1.0);
        Assert.True(real > 10_000);
    }
}
