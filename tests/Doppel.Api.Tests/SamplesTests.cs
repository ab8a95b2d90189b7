using System.Globalization;
using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Api.Tests;

/// <summary>Runs each program under samples/ in-process with small sizes and checks what it prints.</summary>
public sealed class SamplesTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Oversampling_SmallAdult_SmoteRaisesRecallOfTheRareClass()
    {
        var output = new StringWriter();

        var code = Doppel.Samples.Oversampling.Program.Run(["5000", "1"], output);

        var text = output.ToString();
        Assert.Equal(0, code);
        Assert.Contains("smote added", text, StringComparison.Ordinal);
        var before = Number(text, "before: recall ");
        var after = Number(text, "after:  recall ");
        Assert.True(after > before + 0.1, $"recall before {before}, after {after}:\n{text}");
    }

    [Fact]
    public void PrivateCopy_TempDatabase_WritesTheCopyAndReportsDcr()
    {
        using var folder = TestData.TempFolder();
        var database = Path.Combine(folder.Path, "shop.db");
        var output = new StringWriter();

        var code = Doppel.Samples.PrivateCopy.Program.Run([database, "gaussian-copula", "3"], output);

        var text = output.ToString();
        Assert.Equal(0, code);
        var real = Table.ReadSqlite(database, "customers");
        var copy = Table.ReadSqlite(database, "customers_synthetic");
        Assert.Equal(real.RowCount, copy.RowCount);
        Assert.Equal(real.Schema.Columns.Select(c => c.Name), copy.Schema.Columns.Select(c => c.Name));
        Assert.Contains("dcr synthetic median", text, StringComparison.Ordinal);
        Assert.True(Number(text, "ratio ") > 0, text);
        Assert.Contains("verdict:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TestData_SameSeed_SameOutputAndCorrelationsOnTarget()
    {
        var first = new StringWriter();
        var second = new StringWriter();

        Doppel.Samples.TestData.Program.Run(["600", "7"], first);
        Doppel.Samples.TestData.Program.Run(["600", "7"], second);

        var text = first.ToString();
        Assert.Equal(text, second.ToString());
        Assert.Contains("generated 600 rows", text, StringComparison.Ordinal);
        var pairs = text.Split('\n').Where(l => l.StartsWith("corr ", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, pairs.Count);
        foreach (var line in pairs)
        {
            Assert.InRange(Number(line, "achieved ") - Number(line, "target "), -0.05, 0.05);
        }

        // Express ~ Bernoulli(0.2): the share of 600 rows lies within 5 standard errors, 5·sqrt(0.2·0.8/600).
        Assert.InRange(Number(text, "express share "), 0.2 - (5 * Math.Sqrt(0.16 / 600)), 0.2 + (5 * Math.Sqrt(0.16 / 600)));
    }

    private static double Number(string text, string after)
    {
        var start = text.IndexOf(after, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{after}' not in:\n{text}");
        start += after.Length;
        var end = start;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or '-' or '+'))
        {
            end++;
        }

        return double.Parse(text[start..end], CultureInfo.InvariantCulture);
    }
}
