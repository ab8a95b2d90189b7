using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Cli.Tests;

/// <summary><c>doppel sample --condition</c>: every row meets the conditions; bad conditions are refused before any output.</summary>
public sealed class SampleConditionTests(AdultCopulaModel adult) : IClassFixture<AdultCopulaModel>, IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sample_TwoConditions_EveryRowMeetsBoth()
    {
        var model = await FitAdult();

        var run = await CliRunner.RunAsync("sample", model, "-n", "3000", "-o", _folder.File("out.csv"), "--seed", "2",
            "--condition", "income= >50K", "--condition", "age>=40");

        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTableReader.Read(_folder.File("out.csv"));
        Assert.Equal(3000, table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(" >50K", table["income"].FormatValue(i));
            Assert.True(NumericValues.At(table["age"], i) >= 40, $"row {i}: age {table["age"].FormatValue(i)}");
        }
    }

    [Fact]
    public async Task Sample_LabelWithoutLeadingSpace_MatchesTheLearnedLabel()
    {
        var model = await FitAdult();

        var run = await CliRunner.RunAsync("sample", model, "-n", "500", "-o", _folder.File("out.csv"), "--seed", "2", "--condition", "sex=Female");

        Assert.True(run.ExitCode == 0, run.ToString());
        var table = CsvTableReader.Read(_folder.File("out.csv"));
        Assert.All(Enumerable.Range(0, table.RowCount), i => Assert.Equal(" Female", table["sex"].FormatValue(i)));
    }

    [Theory]
    [InlineData("salary= >50K", "no column 'salary'", "age, workclass")]
    [InlineData("income=rich", "'rich' is not a value of 'income'", "' <=50K', ' >50K'")]
    [InlineData("age>=forty", "column 'age' is integer and 'forty' is not a number", "age")]
    [InlineData("age>forty-two", "'forty-two' is not a number", "age")]
    [InlineData("income>3", "column 'income' is categorical; use = or !=", "income")]
    [InlineData("income", "is not COLUMN=VALUE", "income")]
    public async Task Sample_BadCondition_RefusedNamingColumnAndWhatTheModelHas(string condition, string problem, string listed)
    {
        var model = await FitAdult();
        var target = _folder.File("out.csv");
        File.WriteAllText(target, "previous\n");

        var run = await CliRunner.RunAsync("sample", model, "-n", "100", "-o", target, "--seed", "2", "--condition", condition);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(listed, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("previous\n", File.ReadAllText(target));
        Assert.DoesNotContain("sample seed", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("age>=40", "age<30", "meets all of age>=40, age<30")]
    [InlineData("age>40", "age<41", "'age' holds whole numbers")]
    [InlineData("income= >50K", "income= <=50K", "no value of 'income'")]
    [InlineData("income= >50K", "income!=>50K", "no value of 'income'")]
    [InlineData("income!= >50K", "income!= <=50K", "no value of 'income'")]
    public async Task Sample_ContradictoryConditions_RefusedBeforeSampling(string first, string second, string problem)
    {
        var model = await FitAdult();

        var run = await CliRunner.RunAsync("sample", model, "-n", "100", "-o", _folder.File("out.csv"), "--seed", "2",
            "--condition", first, "--condition", second);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("contradict", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("out.csv")));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    [InlineData("sqlite")]
    [InlineData("folder")]
    public async Task Sample_ConditionedShards_ConcatenateToTheUnshardedRun(string format)
    {
        var model = await FitAdult();
        string[] Conditions() => ["--condition", "income= >50K", "--condition", "age>=40", "--seed", "11", "--threads", "2"];
        string Target(string name) => format switch
        {
            "csv" => _folder.File(name + ".csv"),
            "parquet" => _folder.File(name + ".parquet"),
            "sqlite" => "sqlite:" + _folder.File("out.db"),
            _ => name == "whole" ? _folder.File("whole.parquet") : Path.Combine(_folder.Path, "parts") + "/",
        };
        string[] TableOf(string name) => format == "sqlite" ? ["--table", name] : [];

        var whole = await CliRunner.RunAsync(["sample", model, "-n", "9001", "-o", Target("whole"), .. TableOf("whole"), .. Conditions()]);
        Assert.True(whole.ExitCode == 0, whole.ToString());
        var pieces = new List<Table>();
        for (var i = 0; i < 4; i++)
        {
            var part = await CliRunner.RunAsync(["sample", model, "-n", "9001", "-o", Target("part" + i), .. TableOf("part" + i), .. Conditions(), "--shard", $"{i}/4"]);
            Assert.True(part.ExitCode == 0, part.ToString());
            pieces.Add(format == "folder"
                ? TableIO.Read(TableLocation.File(Path.Combine(_folder.Path, "parts", $"part-0000{i}.parquet")))
                : Read(Target("part" + i), "part" + i));
        }

        var expected = Read(Target("whole"), "whole");
        Assert.Equal(9001, expected.RowCount);
        Assert.All(ConditionsMet(expected), Assert.True);
        Assert.Equal(TestTables.Render(expected), TestTables.Render(TableConcat.Concat(pieces)));
    }

    private static bool[] ConditionsMet(Table table) =>
        [.. Enumerable.Range(0, table.RowCount).Select(i => table["income"].FormatValue(i) == " >50K" && NumericValues.At(table["age"], i) >= 40)];

    private static Table Read(string target, string table) =>
        TableIO.Read(TableLocation.Parse(target, target.StartsWith("sqlite:", StringComparison.Ordinal) ? table : null));

    private Task<string> FitAdult() => adult.Path.Value;
}

/// <summary>A Gaussian copula fitted once on the bundled Adult table, shared by the tests of a class.</summary>
public sealed class AdultCopulaModel : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public AdultCopulaModel() => Path = new Lazy<Task<string>>(Fit);

    /// <summary>The model file, fitted on first use.</summary>
    public Lazy<Task<string>> Path { get; }

    public void Dispose() => _folder.Dispose();

    private async Task<string> Fit()
    {
        var model = _folder.File("adult.model");
        var fit = await CliRunner.RunAsync("fit", TestData.File("adult.csv"), "--synthesizer", "gaussian-copula", "-o", model, "--seed", "3");
        Assert.True(fit.ExitCode == 0, fit.ToString());
        return model;
    }
}
