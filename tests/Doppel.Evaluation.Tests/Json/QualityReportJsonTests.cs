using System.Text.Json;
using Doppel.Evaluation.Json;
using static Doppel.Evaluation.Tests.Build;

namespace Doppel.Evaluation.Tests.Json;

public sealed class QualityReportJsonTests
{
    private static readonly JsonSerializerOptions WithConverter = new() { Converters = { new FiniteDoubleConverter() } };

    private static QualityReport SmallReport(ulong seed = 0)
    {
        var real = Table(Num("x", [.. Enumerable.Range(0, 60).Select(i => (double)(i % 17))]), Num("gone", [.. Enumerable.Repeat(double.NaN, 60)]), Cat("y", [.. Enumerable.Range(0, 60).Select(i => i % 17 < 8 ? "lo" : "hi")]));
        var syn = Table(Num("x", [.. Enumerable.Range(0, 50).Select(i => (double)(i % 13))]), Num("gone", [.. Enumerable.Repeat(double.NaN, 50)]), Cat("y", [.. Enumerable.Range(0, 50).Select(i => i % 13 < 6 ? "lo" : "hi")]));
        return QualityEvaluator.Evaluate(real, syn, new EvaluationOptions { Target = "y", Holdout = real.Slice(0, 30), Seed = seed, BoostingIterations = 10 });
    }

    [Fact]
    public void Serialize_Report_HasTheDocumentedKeysInOrder()
    {
        using var json = JsonDocument.Parse(QualityReportJson.Serialize(SmallReport()));

        Assert.Equal(
            ["rows", "quality", "columns", "pairs", "associations", "ml_efficacy", "detection", "privacy"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["column_shapes", "column_pair_trends", "score"], json.RootElement.GetProperty("quality").EnumerateObject().Select(p => p.Name));
        var ml = json.RootElement.GetProperty("ml_efficacy");
        Assert.Equal(["target", "task", "classes", "test_rows", "real", "synthetic", "reason"], ml.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["train_rows", "accuracy", "macro_f1", "roc_auc", "r2", "mae", "reasons"], ml.GetProperty("real").EnumerateObject().Select(p => p.Name));
        var privacy = json.RootElement.GetProperty("privacy").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("dcr_synthetic_median", privacy);
        Assert.Contains("dcr_holdout_median", privacy);
        Assert.Contains("dcr_ratio", privacy);
        Assert.Contains("exact_copies", privacy);
        Assert.True(json.RootElement.GetProperty("detection").TryGetProperty("auc", out _));
    }

    [Fact]
    public void Serialize_UndefinedMetrics_AreNullWithAReasonAndNeverNaN()
    {
        var text = QualityReportJson.Serialize(SmallReport());

        using var json = JsonDocument.Parse(text);
        var gone = json.RootElement.GetProperty("columns")[1];
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("ks").ValueKind);
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("shape_score").ValueKind);
        Assert.Equal("the real column has no values", gone.GetProperty("reasons").GetProperty("ks").GetString());
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SameInputsAndSeed_GivesIdenticalBytes()
    {
        Assert.Equal(QualityReportJson.Serialize(SmallReport(3)), QualityReportJson.Serialize(SmallReport(3)));
    }

    [Fact]
    public void FiniteDoubleConverter_NonFiniteValue_WritesNull()
    {
        Assert.Equal("[1.5,null,null]", JsonSerializer.Serialize(new[] { 1.5, double.NaN, double.PositiveInfinity }, WithConverter));
    }

    [Fact]
    public void WriteFile_Report_WritesParseableJson()
    {
        using var folder = Doppel.TestKit.TestData.TempFolder();
        var path = folder.File("report.json");

        QualityReportJson.WriteFile(SmallReport(), path);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(60, json.RootElement.GetProperty("rows").GetProperty("real").GetInt32());
    }
}
