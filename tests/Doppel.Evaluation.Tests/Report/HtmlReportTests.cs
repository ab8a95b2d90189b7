using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Evaluation.Report;
using Doppel.TestKit;

namespace Doppel.Evaluation.Tests.Report;

public sealed class HtmlReportTests
{
    private static readonly Lazy<(QualityReport Report, Table Real, Table Synthetic)> Small = new(() =>
    {
        var (rest, holdout) = Build.Split(Build.Adult.Slice(0, 3000), 0.2, 0);
        var (train, other) = Build.Split(rest, 0.5, 1);
        var report = QualityEvaluator.Evaluate(train, other, new EvaluationOptions { Target = "income", Holdout = holdout, BoostingIterations = 20 });
        return (report, train, other);
    });

    private static readonly HtmlReportOptions WithLosses = new()
    {
        LossCurves = ImmutableDictionary<string, ImmutableArray<double>>.Empty
            .Add("generator", [1.2, 0.9, 0.7, 0.65])
            .Add("discriminator", [0.7, 0.68, 0.69, 0.69]),
    };

    private static readonly string[] Sections = ["headline", "columns", "heatmaps", "overview", "summary", "ml", "privacy", "losses"];

    [Fact]
    public void Render_Report_HasEverySectionAndNoExternalReference()
    {
        var (report, real, syn) = Small.Value;

        var html = HtmlReport.Render(report, real, syn, WithLosses);

        foreach (var id in Sections)
        {
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("Content-Security-Policy", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);

        // 9 discrete + 6 numeric columns, two charts each; three heatmaps; the scatter, mean/std and loss plots.
        Assert.Equal((15 * 2) + 3 + 3, html.Split("<svg").Length - 1);
    }

    [Fact]
    public void Render_WithoutLosses_LeavesTheSectionOut()
    {
        var (report, real, syn) = Small.Value;

        var html = HtmlReport.Render(report, real, syn);

        Assert.DoesNotContain("<section id=\"losses\">", html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void Chromium_RendersReport_WithoutConsoleMessagesOrRequests()
    {
        var (report, real, syn) = Small.Value;
        using var folder = TestData.TempFolder();
        var path = folder.File("report.html");
        HtmlReport.Write(report, real, syn, path, WithLosses);

        var (dom, console) = Chromium.Render(path);

        Assert.True(console.Count == 0, "console messages:\n" + string.Join("\n", console));
        foreach (var id in Sections)
        {
            Assert.Contains($"<section id=\"{id}\">", dom, StringComparison.Ordinal);
        }

        Assert.Contains("<svg", dom, StringComparison.Ordinal);
        Assert.Contains("At a glance", dom, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void Chromium_PageWithExternalImage_IsCaughtByTheCheck()
    {
        using var folder = TestData.TempFolder();
        var path = folder.File("bad.html");
        var html = HtmlReport.Render(Small.Value.Report, Small.Value.Real, Small.Value.Synthetic)
            .Replace("</body>", "<img src=\"https://example.com/pixel.png\"></body>", StringComparison.Ordinal);
        AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(html)));

        var (_, console) = Chromium.Render(path);

        Assert.Contains(console, line => line.Contains("example.com", StringComparison.Ordinal));
    }
}
