using System.IO.Compression;
using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

public sealed class FitSampleCommandTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FitThenSample_SameSeed_SameBytes()
    {
        var data = WriteData();

        var fit = await CliRunner.RunAsync("fit", data, "--synthesizer", "gaussian-copula", "-o", _folder.File("m.model"), "--seed", "3");
        var first = await CliRunner.RunAsync("sample", _folder.File("m.model"), "-n", "5000", "-o", _folder.File("a.csv"), "--seed", "4");
        var second = await CliRunner.RunAsync("sample", _folder.File("m.model"), "-n", "5000", "-o", _folder.File("b.csv"), "--seed", "4", "--batch-size", "999");

        Assert.True(fit.ExitCode == 0, fit.ToString());
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(File.ReadAllBytes(_folder.File("a.csv")), File.ReadAllBytes(_folder.File("b.csv")));
        var table = CsvTableReader.Read(_folder.File("a.csv"));
        Assert.Equal(5000, table.RowCount);
        Assert.Equal(["x", "n", "color", "flag", "when", "id"], table.Schema.Columns.Select(c => c.Name));
        Assert.Equal("", first.Stdout);
    }

    [Fact]
    public async Task Sample_WithoutSeed_DrawsAndPrintsOne()
    {
        var model = await FitModel();

        var result = await CliRunner.RunAsync("sample", model, "-n", "10", "-o", _folder.File("out.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("sample seed: ", StringComparison.Ordinal) && l.Contains("--seed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fit_OptionOverride_ReachesTheModel()
    {
        var data = WriteData();

        var ok = await CliRunner.RunAsync("fit", data, "-s", "independent", "--set", "knots=16", "-o", _folder.File("m.model"), "--seed", "1");
        var bad = await CliRunner.RunAsync("fit", data, "-s", "independent", "--set", "knotz=16", "-o", _folder.File("bad.model"), "--seed", "1");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("knotz", bad.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("bad.model")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Sample_NonPositiveRows_UsageError(string rows)
    {
        var model = await FitModel();

        var result = await CliRunner.RunAsync("sample", model, "-n", rows, "-o", _folder.File("out.csv"), "--seed", "1");

        AssertRefused(result, ExitCodes.Usage, "-n");
    }

    [Fact]
    public async Task Fit_MissingDataFile_FailsNamingIt()
    {
        var result = await CliRunner.RunAsync("fit", _folder.File("nope.csv"), "-o", _folder.File("m.model"), "--seed", "1");

        AssertRefused(result, ExitCodes.Failure, "nope.csv");
    }

    [Theory]
    [InlineData("empty.csv", "")]
    [InlineData("header.csv", "a,b\n")]
    [InlineData("ragged.csv", "a,b\n1,2\n3\n")]
    [InlineData("duplicate.csv", "a,a\n1,2\n")]
    public async Task Fit_BadData_FailsNamingTheFile(string name, string content)
    {
        File.WriteAllText(_folder.File(name), content);

        var result = await CliRunner.RunAsync("fit", _folder.File(name), "-o", _folder.File("m.model"), "--seed", "1");

        AssertRefused(result, ExitCodes.Failure, name);
    }

    [Fact]
    public async Task Fit_UnknownSynthesizer_UsageErrorListingKnownOnes()
    {
        var result = await CliRunner.RunAsync("fit", WriteData(), "--synthesizer", "magic", "-o", _folder.File("m.model"), "--seed", "1");

        AssertRefused(result, ExitCodes.Usage, "magic");
        Assert.Contains("gaussian-copula", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--discrete")]
    [InlineData("--numeric")]
    [InlineData("--id")]
    public async Task Fit_UnknownColumnInOverride_UsageErrorNamingIt(string flag)
    {
        var result = await CliRunner.RunAsync("fit", WriteData(), flag, "x,colour", "-o", _folder.File("m.model"), "--seed", "1");

        AssertRefused(result, ExitCodes.Usage, "colour");
    }

    [Fact]
    public async Task Sample_MissingModel_FailsNamingIt()
    {
        var result = await CliRunner.RunAsync("sample", _folder.File("none.model"), "-n", "5", "-o", _folder.File("out.csv"), "--seed", "1");

        AssertRefused(result, ExitCodes.Failure, "none.model");
    }

    [Fact]
    public async Task Sample_TruncatedModel_Refused()
    {
        var model = await FitModel();
        var bytes = File.ReadAllBytes(model);
        var truncated = _folder.File("truncated.model");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var result = await CliRunner.RunAsync("sample", truncated, "-n", "5", "-o", _folder.File("out.csv"), "--seed", "1");

        AssertRefused(result, ExitCodes.Failure, "truncated.model");
    }

    [Fact]
    public async Task Sample_ForeignFile_Refused()
    {
        var data = WriteData();

        var result = await CliRunner.RunAsync("sample", data, "-n", "5", "-o", _folder.File("out.csv"), "--seed", "1");

        AssertRefused(result, ExitCodes.Failure, "not a Doppel model file");
    }

    [Fact]
    public async Task Sample_TamperedModel_Refused()
    {
        var model = await FitModel();
        using (var zip = ZipFile.Open(model, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("blocks/marginals.json")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("blocks/marginals.json").Open());
            writer.Write(text.Replace("\"red\"", "\"rod\"", StringComparison.Ordinal));
        }

        var result = await CliRunner.RunAsync("sample", model, "-n", "5", "-o", _folder.File("out.csv"), "--seed", "1");

        AssertRefused(result, ExitCodes.Failure, "SHA-256");
    }

    [Fact]
    public async Task Sample_Cancelled_Exits130WithoutOutput()
    {
        var model = await FitModel();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await CliRunner.RunAsync(["sample", model, "-n", "100000", "-o", _folder.File("out.csv"), "--seed", "1"], cancelled.Token);

        AssertRefused(result, ExitCodes.Cancelled, "cancelled");
    }

    [Fact]
    public async Task Sample_ExistingOutputAndBadModel_LeavesOutputUntouched()
    {
        File.WriteAllText(_folder.File("out.csv"), "keep me\n");
        File.WriteAllText(_folder.File("bad.model"), "garbage");

        var result = await CliRunner.RunAsync("sample", _folder.File("bad.model"), "-n", "5", "-o", _folder.File("out.csv"), "--seed", "1");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("keep me\n", File.ReadAllText(_folder.File("out.csv")));
    }

    private string WriteData()
    {
        var path = _folder.File("data.csv");
        if (!File.Exists(path))
        {
            CsvTableWriter.Write(TestTables.Mixed(400, 1), path);
        }

        return path;
    }

    private async Task<string> FitModel()
    {
        var model = _folder.File("fitted.model");
        var result = await CliRunner.RunAsync("fit", WriteData(), "-o", model, "--seed", "2");
        Assert.True(result.ExitCode == 0, result.ToString());
        return model;
    }

    /// <summary>The run failed with <paramref name="code"/>, said so in one line mentioning <paramref name="mention"/>, and left no output behind.</summary>
    private void AssertRefused(CliResult result, int code, string mention)
    {
        Assert.True(result.ExitCode == code, result.ToString());
        var errors = result.ErrorLines.Where(l => l.StartsWith("doppel:", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 1, result.ToString());
        Assert.Contains(mention, errors[0], StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        // Outputs of the refused runs are out.csv or m.model; a temporary file would start with '.' and end with '.tmp'.
        var files = Directory.GetFiles(_folder.Path).Select(Path.GetFileName).ToArray();
        Assert.DoesNotContain(files, f => f is "out.csv" or "m.model" || f!.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
