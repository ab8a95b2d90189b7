using Doppel.TestKit;

namespace Doppel.Cli.Tests;

public sealed class ClassifyCommandTests
{
    [Fact]
    public async Task Classify_Digits_WritesPredictionsAndReportsAccuracy()
    {
        using var folder = TestData.TempFolder();
        var lines = await File.ReadAllLinesAsync(TestData.File("digits.csv"));
        var train = folder.File("train.csv");
        var test = folder.File("test.csv");
        await File.WriteAllLinesAsync(train, lines.Take(1001));
        await File.WriteAllLinesAsync(test, lines.Take(1).Concat(lines.Skip(1001).Take(200)));

        var result = await CliRunner.RunAsync("classify", train, "--target", "digit", "--test", test, "--seed", "0");

        Assert.True(result.ExitCode == 0, result.ToString());
        var predicted = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("predicted", predicted[0]);
        Assert.Equal(201, predicted.Length);
        var truth = lines.Skip(1001).Take(200).Select(l => l[(l.LastIndexOf(',') + 1)..]).ToArray();
        var correct = truth.Zip(predicted.Skip(1)).Count(p => p.First == p.Second);
        Assert.True(correct >= 180, $"{correct} of 200 correct");
        Assert.Contains(result.ErrorLines, l => l.Contains("Gaussian naive Bayes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Classify_UnknownTarget_Fails()
    {
        var result = await CliRunner.RunAsync("classify", TestData.File("digits.csv"), "--target", "nope", "--test", TestData.File("digits.csv"));

        Assert.Equal(1, result.ExitCode);
    }
}
