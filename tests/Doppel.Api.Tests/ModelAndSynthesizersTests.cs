using System.Text.Json.Nodes;
using Doppel.TestKit;

namespace Doppel.Api.Tests;

public sealed class ModelAndSynthesizersTests
{
    [Fact]
    public void Names_ListsEveryTypedFactory()
    {
        Assert.Superset(
            new HashSet<string>(["independent", "gaussian-copula", "gmm", "kde", "smote"]),
            new HashSet<string>(Synthesizers.Names));
    }

    [Fact]
    public void Create_ClassicalNames_FitAndSample()
    {
        var table = TestTables.Mixed(120, seed: 11);

        foreach (var name in new[] { "independent", "gaussian-copula", "gmm", "kde", "smote" })
        {
            var model = Synthesizers.Create(name).Fit(table);
            Assert.Equal(name, model.SynthesizerName);
            Assert.Equal(30, model.Sample(30, seed: 1).RowCount);
        }
    }

    [Fact]
    public void Ctgan_TwoEpochs_FitsAndSamplesTheSchema()
    {
        var table = TestTables.Mixed(200, seed: 14).Select(["x", "n", "color", "flag"]);

        var model = Synthesizers.Ctgan(new Doppel.Synthesis.Neural.Gan.CtganOptions { Epochs = 2, BatchSize = 50 }).Fit(table, new() { Seed = 1 });

        Assert.Equal("ctgan", model.SynthesizerName);
        Assert.Equal(table.Schema.Columns.Select(c => c.Name), model.Sample(40, seed: 2).Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingKnownNames()
    {
        var e = Assert.Throws<InvalidOptionsException>(() => Synthesizers.Create("nope"));

        Assert.Contains("gaussian-copula", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OptionsNotAnObject_ThrowsInvalidOptions()
    {
        Assert.Throws<InvalidOptionsException>(() => Synthesizers.Create("gmm", "[1, 2]"));
        Assert.Throws<InvalidOptionsException>(() => Synthesizers.Create("gmm", "{"));
    }

    [Fact]
    public void Create_JsonOptions_ReachTheSynthesizer()
    {
        var typed = Synthesizers.Create("gmm", new JsonObject { ["max_components"] = 2 });

        Assert.Equal(2, ((Doppel.Synthesis.Mixtures.GmmSynthesizer)typed.Inner).Options.MaxComponents);
    }

    [Fact]
    public async Task SaveLoad_RoundTrip_SameSamples()
    {
        using var folder = TestData.TempFolder();
        var model = Synthesizers.GaussianCopula().Fit(TestTables.Mixed(200, seed: 12));
        var path = Path.Combine(folder.Path, "m.doppel");

        await model.SaveAsync(path);
        var loaded = await SynthesizerModel.LoadAsync(path);

        Assert.Equal("gaussian-copula", loaded.SynthesizerName);
        Assert.Equal(TestTables.Render(model.Sample(300, seed: 4)), TestTables.Render(loaded.Sample(300, seed: 4)));
    }

    [Fact]
    public void Load_NotAModel_ThrowsModelFileException()
    {
        using var folder = TestData.TempFolder();
        var path = Path.Combine(folder.Path, "bad.doppel");
        File.WriteAllText(path, "not a zip");

        Assert.Throws<ModelFileException>(() => SynthesizerModel.Load(path));
    }

    [Fact]
    public void Balance_Smote_ClassesBecomeEqual()
    {
        var table = Doppel.Data.Table.ReadCsv(TestData.File("adult.csv")).Slice(0, 3_000);
        var income = (Doppel.Data.CategoricalColumn)table["income"];
        var counts = income.Counts();

        var extra = Balance.Smote(table, "income", seed: 1);

        var extraCounts = ((Doppel.Data.CategoricalColumn)extra["income"]).Counts();
        Assert.Equal(counts.Max() - counts.Min(), extra.RowCount);
        Assert.Equal(counts.Max(), counts.Min() + extraCounts.Max());
    }

    [Fact]
    public void Balance_FromModel_EveryClassReachesTheLargest()
    {
        var table = TestTables.Mixed(600, seed: 5);
        var counts = ((Doppel.Data.CategoricalColumn)table["color"]).Counts();
        var model = Synthesizers.Gmm(new() { MaxComponents = 2 }).Fit(table, new() { Seed = 1 });

        var extra = Balance.FromModel(model, "color", seed: 2);

        var extraColor = (Doppel.Data.CategoricalColumn)extra["color"];
        var labels = ((Doppel.Data.CategoricalColumn)table["color"]).Categories;
        for (var c = 0; c < labels.Length; c++)
        {
            var added = Enumerable.Range(0, extra.RowCount).Count(i => extraColor.FormatValue(i) == labels[c]);
            Assert.Equal(counts.Max(), counts[c] + added);
        }
    }

    [Fact]
    public void Balance_FromModel_ModelWithoutCounts_Throws()
    {
        var model = Synthesizers.GaussianCopula().Fit(TestTables.Mixed(200, seed: 5), new() { Seed = 1 });

        Assert.Throws<InvalidOptionsException>(() => Balance.FromModel(model, "color"));
    }

    [Fact]
    public void Balance_Smote_CancelledToken_Throws()
    {
        var table = Doppel.Data.Table.ReadCsv(TestData.File("adult.csv")).Slice(0, 500);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Balance.Smote(table, "income", seed: 1, cancellationToken: cancel.Token));
    }

    [Fact]
    public void Generate_FromSpecification_RowsAndColumnsOfTheSpec()
    {
        var table = Generate.FromSpecification(TestData.File("specs/readme_example_2d.json"), 1_000,
            new() { Seed = 3 });

        Assert.Equal(1_000, table.RowCount);
        Assert.Equal(["x1", "x2"], table.Schema.Columns.Select(c => c.Name));
    }

    [Fact]
    public void ReportFiles_JsonAndHtml_Written()
    {
        using var folder = TestData.TempFolder();
        var real = TestTables.Mixed(200, seed: 13);
        var synthetic = Synthesizers.Independent().Fit(real).Sample(200, seed: 1);
        var report = Evaluate.Compare(real, synthetic, new Doppel.Evaluation.EvaluationOptions { MlEfficacy = false, Detection = false });

        report.WriteJson(Path.Combine(folder.Path, "r.json"));
        report.WriteHtml(Path.Combine(folder.Path, "r.html"), real, synthetic);

        Assert.Equal(report.ToJson().TrimEnd(), File.ReadAllText(Path.Combine(folder.Path, "r.json")).TrimEnd());
        Assert.Contains("<html", File.ReadAllText(Path.Combine(folder.Path, "r.html")), StringComparison.OrdinalIgnoreCase);
    }
}
