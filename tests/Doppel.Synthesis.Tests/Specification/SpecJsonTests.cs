using Doppel.Synthesis.Specification;

namespace Doppel.Synthesis.Tests.Specification;

public sealed class SpecJsonTests
{
    private const string TwoNormals = """
        {"marginals": [{"name": "a", "family": "normal", "params": {"mean": 0, "sd": 1}},
                       {"name": "b", "family": "exponential", "params": {"rate": 2}}],
         "target_corr": [[1, 0.5], [0.5, 1]], "correlation": "pearson"}
        """;

    [Fact]
    public void Parse_ValidSpec_ReadsMarginalsAndMatrix()
    {
        var spec = SpecJson.Parse(TwoNormals);

        Assert.Equal(2, spec.Dimension);
        Assert.Equal("exponential", spec.Marginals[1].Family);
        Assert.Equal(2, spec.Marginals[1].Parameters["rate"]);
        Assert.Equal(0.5, spec.TargetAt(1, 0));
        Assert.Equal(CorrelationType.Pearson, spec.Correlation);
    }

    [Theory]
    [InlineData("data/specs/readme_example_2d.json", 2)]
    [InlineData("data/specs/hard6_feasible.json", 6)]
    [InlineData("data/specs/seed_train_py_12d.json", 12)]
    public void Read_BundledSpecs_Parse(string path, int dimension)
    {
        var spec = SpecJson.Read(RepoFile(path));

        Assert.Equal(dimension, spec.Dimension);
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var spec = SpecJson.Read(RepoFile("data/specs/seed_train_py_12d.json"));
        using var stream = new MemoryStream();

        SpecJson.Write(spec, stream);
        var again = SpecJson.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));

        Assert.Equal(spec.Target.ToArray(), again.Target.ToArray());
        Assert.Equal(spec.Marginals.Select(m => m.Family), again.Marginals.Select(m => m.Family));
    }

    [Theory]
    [InlineData("[[1, 0.5, 0.1], [0.5, 1, 0.2]]", "target_corr: 2 rows but 2 marginals", false)]
    [InlineData("[[1, 0.5, 0.1], [0.5, 1]]", "target_corr[0]: 3 entries; the matrix must be square", true)]
    [InlineData("[[1, 0.5], [0.4, 1]]", "must be symmetric", true)]
    [InlineData("[[1, 1.5], [1.5, 1]]", "target_corr[0][1]: 1.5 lies outside [-1, 1]", true)]
    [InlineData("[[0.9, 0.5], [0.5, 1]]", "target_corr[0][0]: diagonal entries must be 1", true)]
    [InlineData("[[1, 0, 0], [0, 1, 0], [0, 0, 1]]", "target_corr: 3 rows but 2 marginals", true)]
    public void Parse_BadMatrix_NamesTheField(string matrix, string expected, bool contains)
    {
        var json = TwoNormals.Replace("[[1, 0.5], [0.5, 1]]", matrix, StringComparison.Ordinal);

        var e = Assert.Throws<InvalidOptionsException>(() => SpecJson.Parse(json));

        if (contains)
        {
            Assert.Contains(e.Problems, p => p.Contains(expected, StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(e.Problems, p => p.StartsWith("target_corr", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("\"family\": \"normal\", \"params\": {\"mean\": 0, \"sd\": 1}", "\"family\": \"normall\", \"params\": {\"mean\": 0, \"sd\": 1}", "marginals[0] ('a').family: unknown family 'normall'")]
    [InlineData("\"sd\": 1", "\"sd\": -1", "marginals[0] ('a').params.sd: must be > 0, got -1")]
    [InlineData("\"sd\": 1", "\"sigma\": 1", "marginals[0] ('a').params.sd: missing")]
    [InlineData("\"rate\": 2", "\"rate\": 2, \"shape\": 3", "marginals[1] ('b').params.shape: unknown parameter")]
    public void Parse_BadMarginal_NamesTheField(string from, string to, string expected)
    {
        var json = TwoNormals.Replace(from, to, StringComparison.Ordinal);

        var e = Assert.Throws<InvalidOptionsException>(() => SpecJson.Parse(json));

        Assert.Contains(e.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BernoulliWithPAboveOne_NamesTheParameter()
    {
        var json = TwoNormals.Replace("\"family\": \"exponential\", \"params\": {\"rate\": 2}", "\"family\": \"bernoulli\", \"params\": {\"p\": 1.2}", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidOptionsException>(() => SpecJson.Parse(json));

        Assert.Contains(e.Problems, p => p.StartsWith("marginals[1] ('b').params.p: must lie strictly between 0 and 1", StringComparison.Ordinal) && p.EndsWith("got 1.2", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_ListsEveryOne()
    {
        var json = TwoNormals.Replace("\"sd\": 1", "\"sd\": 0", StringComparison.Ordinal).Replace("[0.5, 1]]", "[0.4, 1]]", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidOptionsException>(() => SpecJson.Parse(json));

        Assert.Equal(2, e.Problems.Count);
    }

    [Fact]
    public void Parse_CategoricalAndEmpirical_Accepted()
    {
        const string json = """
            {"marginals": [{"name": "c", "family": "categorical", "params": {"labels": ["x", "y", "z"], "probabilities": [0.2, 0.3, 0.5]}},
                           {"name": "e", "family": "empirical", "params": {"values": [1, 2, 2, 3, 5]}},
                           {"name": "q", "family": "empirical", "params": {"quantiles": [0, 1, 4]}}],
             "target_corr": [[1, 0.2, 0.1], [0.2, 1, 0.3], [0.1, 0.3, 1]], "correlation": "spearman"}
            """;

        var spec = SpecJson.Parse(json);
        var marginals = SpecJson.Validate(spec);

        Assert.Equal(["x", "y", "z"], marginals[0].Labels.ToArray());
        Assert.Equal(0.6, marginals[1].Cdf(2), 12);
        Assert.Equal(0.5, marginals[2].Cdf(1), 12);
        Assert.Equal(CorrelationType.Spearman, spec.Correlation);
    }

    [Fact]
    public void Parse_NotJson_ThrowsDataFormatException()
    {
        Assert.Throws<DataFormatException>(() => SpecJson.Parse("{\"marginals\": [", "s.json"));
    }

    internal static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Doppel.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? ".", relative);
    }
}
