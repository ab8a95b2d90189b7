using Doppel.Data;
using Doppel.Data.Tests;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

/// <summary><c>doppel sample --shard i/N</c> into PostgreSQL, one table per shard, against a throwaway server.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresShardTests(PostgresServer server) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sample_FourShardsIntoPostgres_ConcatenateToTheUnshardedRun(bool conditioned)
    {
        var model = await FitModel();
        var suffix = conditioned ? "_conditioned" : "";
        string[] Run(string table) =>
        [
            "sample", model, "-n", "10007", "-o", "postgres:", "--table", table + suffix, "--connection", server.ConnectionString, "--seed", "5",
            .. conditioned ? new[] { "--condition", "color=green", "--condition", "n>=50" } : [],
        ];

        var whole = await CliRunner.RunAsync(Run("whole"));
        Assert.True(whole.ExitCode == 0, whole.ToString());
        var pieces = new List<Table>();
        for (var i = 0; i < 4; i++)
        {
            var part = await CliRunner.RunAsync([.. Run("part" + i), "--shard", $"{i}/4"]);
            Assert.True(part.ExitCode == 0, part.ToString());
            pieces.Add(TableIO.Read(server.Table("part" + i + suffix)));
        }

        var expected = TableIO.Read(server.Table("whole" + suffix));
        Assert.Equal(10007, expected.RowCount);
        Assert.Equal([2501, 2502, 2502, 2502], pieces.Select(p => p.RowCount));
        Assert.Equal(TestTables.Render(expected), TestTables.Render(TableConcat.Concat(pieces)));
        Assert.DoesNotContain(server.ConnectionString, whole.Stderr, StringComparison.Ordinal);
        if (conditioned)
        {
            Assert.All(Enumerable.Range(0, expected.RowCount), i =>
                Assert.True(expected["color"].FormatValue(i) == "green" && NumericValues.At(expected["n"], i) >= 50));
        }
    }

    private async Task<string> FitModel()
    {
        var data = _folder.File("train.csv");
        CsvTableWriter.Write(TestTables.Mixed(2000, 4), data);
        var model = _folder.File("train.model");
        var fit = await CliRunner.RunAsync("fit", data, "-s", "gaussian-copula", "-o", model, "--seed", "3");
        Assert.True(fit.ExitCode == 0, fit.ToString());
        return model;
    }
}
