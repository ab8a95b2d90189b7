using Doppel.Data;
using Doppel.Synthesis.PcaMixture;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.PcaMixture;

/// <summary>
/// The digits table (label read as categorical) and one pca-gmm fitted to it with the demo's options (90% of the
/// variance), shared by the tests.
/// </summary>
internal static class DigitsSamples
{
    private static readonly Lazy<Table> LazyTable = new(() =>
        CsvTableReader.Read(TestData.File("digits.csv"), new CsvReadOptions { Overrides = new SchemaOverrides { Discrete = ["digit"] } }));

    private static readonly Lazy<PcaGmmModel> LazyModel = new(() =>
        (PcaGmmModel)new PcaGmmSynthesizer(new PcaGmmOptions { VarianceShare = 0.9 }).Fit(Table, new FitOptions { Seed = 0 }));

    public static Table Table => LazyTable.Value;

    public static PcaGmmModel Model => LazyModel.Value;
}
