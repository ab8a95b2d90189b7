using System.Text.Json.Nodes;
using Doppel.Data;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests;

/// <summary>
/// Every registered synthesizer samples under conditions (one label, one numeric range) and every row meets them.
/// The cases come from <see cref="BuiltInSynthesizers.Registry"/>, so a synthesizer added there is tested here
/// without any change. A new synthesizer whose defaults are slow (neural models: hundreds of epochs) adds an entry
/// to <see cref="FastOptions"/> with the option overrides that make one fit take seconds; the others use defaults.
/// </summary>
public sealed class EverySynthesizerConditionTests
{
    /// <summary>Per synthesizer, option overrides (snake_case JSON, as on the command line) that keep its fit quick.</summary>
    private static readonly Dictionary<string, Func<JsonObject>> FastOptions = new(StringComparer.Ordinal)
    {
        ["gmm"] = () => new JsonObject { ["max_components"] = 3, ["restarts"] = 1 },
        ["pca-gmm"] = () => new JsonObject { ["mixture"] = new JsonObject { ["max_components"] = 3, ["restarts"] = 1 } },
        ["kde"] = () => new JsonObject { ["grid_size"] = 4, ["validation_rows"] = 100 },
        ["ctgan"] = () => new JsonObject { ["epochs"] = 1 },
        ["tvae"] = () => new JsonObject { ["epochs"] = 1 },
        ["wgan"] = () => new JsonObject { ["epochs"] = 1 },
        ["wgan-gp"] = () => new JsonObject { ["epochs"] = 1 },
        ["tabddpm"] = () => new JsonObject { ["steps"] = 20, ["diffusion_steps"] = 10, ["batch_size"] = 128, ["embedding_dim"] = 16 },
    };

    private static readonly Lazy<Table> Adult = new(() => CsvTableReader.Read(TestData.File("adult.csv")).Slice(0, 400));

    public static TheoryData<string> Synthesizers() => [.. BuiltInSynthesizers.Registry.Descriptors.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Synthesizers))]
    public void Sample_LabelAndRange_EveryRowMeetsBoth(string name)
    {
        var descriptor = BuiltInSynthesizers.Registry.Get(name);
        var synthesizer = descriptor.Create(FastOptions.TryGetValue(name, out var options) ? options() : null);
        var model = synthesizer.Fit(Adult.Value, new FitOptions { Seed = 21 });
        var conditions = CopulaConditioningTests.Conditions("income= >50K", "age>=30");

        var sample = model.Sample(600, new SampleOptions { Seed = 22, Conditions = conditions });

        Assert.Equal(600, sample.RowCount);
        for (var i = 0; i < sample.RowCount; i++)
        {
            Assert.True(sample["income"].FormatValue(i) == " >50K", $"{name}, row {i}: income '{sample["income"].FormatValue(i)}'");
            Assert.True(!sample["age"].IsMissing(i) && NumericValues.At(sample["age"], i) >= 30, $"{name}, row {i}: age '{sample["age"].FormatValue(i)}'");
        }
    }
}
